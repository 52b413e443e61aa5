import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../../auth/permissions';
import { forbidden } from '../../kernel/domain-error';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { AuditLogPage, type AuditForm } from '../audit-log-page';
import { VerifyAuditLogQuery } from './verify.query';

/** The event log page with the chain's verification on top, for auditors and admins. */
@WebController('logg')
export class VerifyWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly page: AuditLogPage,
  ) {}

  @Get('verifiera')
  async verify(@Req() req: WebRequest, @Res() res: Response, @Query() q: AuditForm): Promise<void> {
    if (!may(req.web!.user, 'verifyAuditLog')) throw forbidden('Only auditors and admins verify the log');
    return this.page.show(req, res, q, await this.queries.execute(new VerifyAuditLogQuery()));
  }
}
