import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AppConfig } from '../../kernel/config';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { routes } from '../../kernel/paths';
import { invalidForm, refusal, validateForm, type FormProblem, type Form } from '../form-problems';
import { HOME_PATH, SIGN_IN_REASON_PARAM, WebPublic, type WebRequest } from '../web-context';
import { WebController } from '../web-controller.decorator';
import { WebPages } from '../web-pages';
import { safeLocalPath } from '../web-session';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import { clientAddress } from '../../auth/auth.guard';
import { AuthService } from '../../auth/auth.service';
import { LoginRequest } from '../../auth/login/login.request';
import { TooManyRequests } from '../../auth/request-limits';
import { WebSignIn } from './web-sign-in';

/** Where single sign-on starts (src/sso, under the API's prefix as the contract names it). */
const SSO_LOGIN_PATH = '/api/v1/auth/oidc/login';

/**
 * The sign-in page: the API's POST /auth/login (the same request, the same
 * AuthService.login, so the same limits and the same answer for every kind
 * of wrong), with the session's token kept in a cookie instead of handed out.
 */
@WebController()
export class SignInWebController {
  constructor(
    private readonly auth: AuthService,
    private readonly signIn: WebSignIn,
    private readonly pages: WebPages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @WebPublic()
  @Get(routes.signIn)
  signInPage(@Req() req: WebRequest, @Res() res: Response, @Query('next') next?: string, @Query(SIGN_IN_REASON_PARAM) reason?: string): void {
    if (req.web!.user) return res.redirect(303, safeLocalPath(next, HOME_PATH));
    // Why the user is here again: their session ended, perhaps with a form kept for them (form-drafts.ts).
    const { t } = req.web!;
    const ended = reason === 'form' ? t.login.sessionEndedForm : reason === 'session' ? t.login.sessionEnded : null;
    this.show(req, res, null, {}, safeLocalPath(next, HOME_PATH), ended);
  }

  @WebPublic()
  @Post(routes.signIn)
  async signInWithPassword(@Req() req: WebRequest & AuthenticatedRequest, @Res() res: Response, @Body() body: Form): Promise<void> {
    const { t } = req.web!;
    const next = safeLocalPath(body.next, HOME_PATH);
    const values = { email: body.email ?? '' };
    // PASSWORD_LOGIN=false: the form is not shown, and a post of it (an old page, a script) is refused the same way the API refuses it.
    if (!this.config.passwordLogin) {
      return this.show(req, res, { form: 'login', message: t.sso.passwordLoginOff, detail: null, fields: {}, status: 403 }, values, next);
    }
    const checked = await validateForm(LoginRequest, { email: body.email ?? '', password: body.password ?? '' }, t);
    if (!checked.ok) return this.show(req, res, invalidForm('login', checked.fields, t), values, next);
    try {
      const session = await this.auth.login(checked.value.email, checked.value.password, clientAddress(req));
      await this.signIn.enter(req, res, session, next);
    } catch (error) {
      const problem = refusal(error, 'login', t);
      // The form is shown again, but a client (or a script) must still learn when it may try again.
      if (error instanceof TooManyRequests) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      problem.message = problem.status === 429 ? t.login.tooManyAttempts : t.login.wrongCredentials;
      problem.detail = null;
      this.show(req, res, problem, values, next);
    }
  }

  private show(req: WebRequest, res: Response, problem: FormProblem | null, values: Form, next: string, ended: string | null = null): void {
    // Single sign-on is offered when configured; it comes back to `next` as the form does.
    const sso = this.config.oidc ? `${SSO_LOGIN_PATH}?${new URLSearchParams({ next })}` : null;
    const data = { problem, values, next, sso, passwordLogin: this.config.passwordLogin, ended };
    this.pages.render(req, res, 'web/sign-in/sign-in.eta', req.web!.t.login.title, data, problem?.status ?? 200);
  }
}
