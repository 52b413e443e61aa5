import { Body, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import type { AppConfig } from '../../kernel/config';
import { DomainError } from '../../kernel/domain-error';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { paths, routes } from '../../kernel/paths';
import { type FormProblem, type Form } from '../../web/form-problems';
import { WebPublic, type WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { clearCookie, SESSION_COOKIE } from '../../web/web-session';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import { PasswordLinks, type LinkHolder } from '../../auth/password-links';
import { passwordProblem } from '../../auth/password-policy';
import { Sessions } from '../../auth/sessions';
import { PasswordsOn } from '../passwords-on.guard';

/**
 * "Välj lösenord", the page a mailed or printed link opens: the new password
 * twice, checked by the same policy as the API's POST /auth/password. Once
 * set, every session of the user has ended (this browser's too), and the
 * browser is sent to sign in with the new password.
 */
@WebController()
@UseGuards(PasswordsOn)
export class SetPasswordWebController {
  constructor(
    private readonly links: PasswordLinks,
    private readonly sessions: Sessions,
    private readonly pages: WebPages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @WebPublic()
  @Get(routes.choosePassword)
  async page(@Req() req: WebRequest, @Res() res: Response, @Query('token') token?: string): Promise<void> {
    const holder = typeof token === 'string' && token ? await this.links.holder(token) : null;
    this.show(req, res, holder, token ?? '', null);
  }

  @WebPublic()
  @Post(routes.choosePassword)
  async choose(@Req() req: WebRequest & AuthenticatedRequest, @Res() res: Response, @Body() body: Form): Promise<void> {
    const { t, lang } = req.web!;
    const token = body.token ?? '';
    const password = body.password ?? '';
    const holder = token ? await this.links.holder(token) : null;
    if (!holder) return this.show(req, res, null, token, null);
    const fields: Record<string, string> = {};
    const problem = password ? passwordProblem(password, lang) : t.errors.required;
    if (problem) fields.password = problem;
    else if ((body.repeat ?? '') !== password) fields.repeat = t.passwords.mismatch;
    if (Object.keys(fields).length) {
      return this.show(req, res, holder, token, { form: 'choose', message: t.errors.invalidForm, detail: null, fields, status: 400 });
    }
    try {
      await this.links.use(token, password, lang);
    } catch (error) {
      // Used or expired between the form and its submit.
      if (error instanceof DomainError && error.kind === 'invalid') return this.show(req, res, null, token, null);
      throw error;
    }
    // The user's sessions have ended; whoever was signed in on this browser is signed out with them.
    if (req.sessionId) await this.sessions.end(req.sessionId, 'signed_out');
    clearCookie(res, SESSION_COOKIE, { secure: this.config.production });
    res.redirect(303, `${paths.signIn()}?klart=passwordSet`);
  }

  /** Without a holder the link does not work (400): the page says so and offers a new one. */
  private show(req: WebRequest, res: Response, holder: LinkHolder | null, token: string, problem: FormProblem | null): void {
    const t = req.web!.t;
    const title = holder ? t.passwords.choose.title : t.passwords.choose.invalidTitle;
    const status = problem?.status ?? (holder ? 200 : 400);
    // The page holds the link's token: no cache keeps it (and no Referer carries it on: helmet's no-referrer).
    res.setHeader('Cache-Control', 'no-store');
    this.pages.render(req, res, 'passwords/set-password/choose-password.eta', title, { holder, token, problem, values: {} }, status);
  }
}
