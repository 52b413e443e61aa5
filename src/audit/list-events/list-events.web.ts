import { Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { AuditLogPage, type AuditForm } from '../audit-log-page';

/** The event log page for auditors, secretaries and admins: filters, a page of events, links to the exports. */
@WebController('logg')
export class ListEventsWebController {
  constructor(private readonly page: AuditLogPage) {}

  @Get()
  show(@Req() req: WebRequest, @Res() res: Response, @Query() q: AuditForm): Promise<void> {
    return this.page.show(req, res, q, null);
  }
}
