import { Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { may } from '../../auth/permissions';
import { PasswordLinks } from '../../auth/password-links';
import { forbidden } from '../../kernel/domain-error';
import { UuidParam } from '../../kernel/http/validators';
import { paths, routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { PasswordsOn } from '../passwords-on.guard';

/** The user page's button for admins: a new link mailed, and back to the page, which says how it went. */
@WebController()
@UseGuards(PasswordsOn)
export class SendNewLinkWebController {
  constructor(private readonly links: PasswordLinks) {}

  @Post(routes.userPasswordLink)
  async send(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string): Promise<void> {
    if (!may(req.web!.user, 'administerUsers')) throw forbidden(`The role ${req.web!.user!.role} may not send password links`);
    const { status } = await this.links.sendNewLink(id);
    const notice = status === 'sent' ? 'passwordLinkSent' : status === 'failed' ? 'passwordLinkFailed' : 'passwordLinkLater';
    res.redirect(303, paths.user(id, { notice, anchor: 'password-mail' }));
  }
}
