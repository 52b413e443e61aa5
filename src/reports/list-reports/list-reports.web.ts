import { Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import { optional, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ReportsPage } from '../reports-page';

/** The committee reports: secretaries and admins make them, auditors read them too. */
@WebController()
export class ListReportsWebController {
  constructor(private readonly page: ReportsPage) {}

  @Get(routes.reports)
  list(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form) {
    return this.page.show(req, res, null, {}, optional(q.tillfalle) ?? '', optional(q.ny) ?? null);
  }
}
