import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { clientAddress } from '../auth/auth.guard';
import { AuthService } from '../auth/auth.service';
import { TooManyRequests } from '../auth/request-limits';
import { Sessions } from '../auth/sessions';
import { LoginRequest } from '../auth/login/login.request.dto';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { invalidForm, refusal, validateForm, type FormProblem } from './form-problems';
import { HOME_PATH, SIGN_IN_PATH, WebPublic, type WebRequest } from './web-context';
import { WebController } from './web-controller.decorator';
import { WebPages } from './web-pages';
import { clearCookie, LANGUAGE_COOKIE, parseLanguage, safeLocalPath, SESSION_COOKIE, setCookie } from './web-session';

type Form = Record<string, string | undefined>;

const LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600;

/** Signing in and out, the language switch, and the front door. */
@WebController()
export class SessionWebController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: Sessions,
    private readonly pages: WebPages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @WebPublic()
  @Get()
  home(@Req() req: WebRequest, @Res() res: Response): void {
    res.redirect(303, req.web!.user ? HOME_PATH : SIGN_IN_PATH);
  }

  @WebPublic()
  @Get('logga-in')
  signInPage(@Req() req: WebRequest, @Res() res: Response, @Query('next') next?: string): void {
    if (req.web!.user) return res.redirect(303, safeLocalPath(next, HOME_PATH));
    this.showSignIn(req, res, null, {}, safeLocalPath(next, HOME_PATH));
  }

  @WebPublic()
  @Post('logga-in')
  async signIn(@Req() req: WebRequest & AuthenticatedRequest, @Res() res: Response, @Body() body: Form): Promise<void> {
    const { t } = req.web!;
    const next = safeLocalPath(body.next, HOME_PATH);
    const values = { email: body.email ?? '' };
    const checked = await validateForm(LoginRequest, { email: body.email ?? '', password: body.password ?? '' }, t);
    if (!checked.ok) return this.showSignIn(req, res, invalidForm('login', checked.fields, t), values, next);
    try {
      const session = await this.auth.login(checked.value.email, checked.value.password, clientAddress(req));
      // Whoever was signed in on this browser before is signed out: one browser, one session.
      if (req.sessionId) await this.sessions.end(req.sessionId, 'signed_in_again');
      setCookie(res, SESSION_COOKIE, session.accessToken, { secure: this.config.production }, session.expiresIn);
      res.redirect(303, next);
    } catch (error) {
      const problem = refusal(error, 'login', t);
      // The form is shown again, but a client (or a script) must still learn when it may try again.
      if (error instanceof TooManyRequests) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      problem.message = problem.status === 429 ? t.login.tooManyAttempts : t.login.wrongCredentials;
      problem.detail = null;
      this.showSignIn(req, res, problem, values, next);
    }
  }

  /**
   * Ends the session itself, not only the cookie: a copy of the cookie, or its
   * token used as a bearer, stops working too. Not public: the guard sends a
   * browser whose session has already ended to the sign-in page.
   */
  @Post('logga-ut')
  async signOut(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    await this.sessions.end(req.sessionId!, 'signed_out');
    clearCookie(res, SESSION_COOKIE, { secure: this.config.production });
    res.redirect(303, `${SIGN_IN_PATH}?klart=signedOut`);
  }

  /** The choice is kept in a cookie, so it holds on every page and after signing in or out. */
  @WebPublic()
  @Post('sprak')
  language(@Res() res: Response, @Body() body: Form): void {
    const lang = parseLanguage(body.lang);
    if (lang) setCookie(res, LANGUAGE_COOKIE, lang, { secure: this.config.production }, LANGUAGE_COOKIE_SECONDS);
    res.redirect(303, safeLocalPath(body.next, '/'));
  }

  private showSignIn(req: WebRequest, res: Response, problem: FormProblem | null, values: Form, next: string): void {
    this.pages.render(req, res, 'sign-in.eta', req.web!.t.login.title, { problem, values, next }, problem?.status ?? 200);
  }
}
