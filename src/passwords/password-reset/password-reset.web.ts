import { Body, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { routes } from '../../kernel/paths';
import { invalidForm, validateForm, type FormProblem, type Form } from '../../web/form-problems';
import { WebPublic, type WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { clientAddress } from '../../auth/auth.guard';
import { PasswordLinks } from '../../auth/password-links';
import { RequestLimits, TooManyRequests } from '../../auth/request-limits';
import { PasswordResetRequest } from './password-reset.request';
import { PasswordsOn } from '../passwords-on.guard';

/**
 * "Glömt lösenordet?": the API's POST /auth/password-reset as a form. Every
 * address gets the same page back (through a redirect, so a reload sends
 * nothing again), and the link is mailed after the answer.
 */
@WebController()
@UseGuards(PasswordsOn)
export class PasswordResetWebController {
  constructor(
    private readonly links: PasswordLinks,
    private readonly limits: RequestLimits,
    private readonly pages: WebPages,
  ) {}

  @WebPublic()
  @Get(routes.forgotPassword)
  page(@Req() req: WebRequest, @Res() res: Response): void {
    this.show(req, res, null, {});
  }

  @WebPublic()
  @Post(routes.forgotPassword)
  async send(@Req() req: WebRequest, @Res() res: Response, @Body() body: Form): Promise<void> {
    const { t } = req.web!;
    const values = { email: body.email ?? '' };
    const checked = await validateForm(PasswordResetRequest, values, t);
    if (!checked.ok) return this.show(req, res, invalidForm('forgot', checked.fields, t), values);
    try {
      await this.limits.passwordReset(checked.value.email, clientAddress(req));
    } catch (error) {
      if (!(error instanceof TooManyRequests)) throw error;
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      return this.show(req, res, { form: 'forgot', message: t.passwords.forgot.tooMany, detail: null, fields: {}, status: 429 }, values);
    }
    this.links.requestReset(checked.value.email);
    res.redirect(303, `${routes.forgotPassword}?klart=resetLinkSent`);
  }

  private show(req: WebRequest, res: Response, problem: FormProblem | null, values: Form): void {
    this.pages.render(req, res, 'passwords/password-reset/forgot-password.eta', req.web!.t.passwords.forgot.title, { problem, values }, problem?.status ?? 200);
  }
}
