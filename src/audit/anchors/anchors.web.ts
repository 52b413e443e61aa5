import { Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { may } from '../../auth/permissions';
import { forbidden } from '../../kernel/domain-error';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { Anchors } from './anchors';

/** The event log page's "sign the head now", as POST /audit/anchors; then the verification, which counts it. */
@WebController()
export class AnchorsWebController {
  constructor(private readonly anchors: Anchors) {}

  @Post(routes.anchorLog)
  async anchor(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    if (!may(req.web!.user, 'verifyAuditLog')) throw forbidden('Only auditors and admins anchor the log');
    await this.anchors.anchorHead();
    res.redirect(303, routes.auditVerify);
  }
}
