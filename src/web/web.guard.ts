import { BadRequestException, CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { clientAddress } from '../auth/auth.guard';
import { RequestLimits } from '../auth/request-limits';
import { Sessions } from '../auth/sessions';
import type { User } from '../auth/users';
import { Database } from '../event-store/database';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { readUnitNames } from './unit-names';
import { FormDrafts } from './form-drafts';
import { DEFAULT_LANGUAGE, dictionary } from './i18n';
import { CsrfRejected, SignInRequired, WEB_PUBLIC, type WebRequest } from './web-context';
import {
  clearCookie,
  CSRF_COOKIE,
  CSRF_FIELD,
  csrfToken,
  csrfValid,
  LANGUAGE_COOKIE,
  newCsrfNonce,
  parseCookies,
  parseLanguage,
  SESSION_COOKIE,
  setCookie,
} from './web-session';

/** A year: the CSRF nonce is not a secret about the user, only proof that a form came from our page. */
const CSRF_COOKIE_SECONDS = 365 * 24 * 3600;

/**
 * The web UI's own gate, in place of the API's bearer-token guard (UI
 * controllers are @Public() to that one). It resolves the session cookie
 * through the same session check as the API, applies the request limits,
 * sets the language, hands every page its CSRF token, sends anyone not
 * signed in to the sign-in page and refuses a POST without the token of this
 * session.
 */
@Injectable()
export class WebGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
    private readonly limits: RequestLimits,
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly drafts: FormDrafts,
  ) {}

  /**
   * Who is asking, in which language, with which form token: `req.web` (and `req.user`) for every page,
   * and for the app's own 404 page, which no route's guard reaches (its language switch needs the token).
   */
  async establish(req: WebRequest & AuthenticatedRequest, res: Response): Promise<{ cookies: Record<string, string>; user: User | null; sessionId: string | null }> {
    const cookies = parseCookies(req.headers.cookie);
    const cookieSettings = { secure: this.config.production };

    let nonce = cookies[CSRF_COOKIE];
    if (!nonce || !/^[A-Za-z0-9_-]{20,64}$/.test(nonce)) {
      nonce = newCsrfNonce();
      setCookie(res, CSRF_COOKIE, nonce, cookieSettings, CSRF_COOKIE_SECONDS);
    }
    // An ended, expired or tampered session simply means "not signed in"; its cookie goes.
    const session = await this.sessions.tryAuthenticate(cookies[SESSION_COOKIE]);
    if (cookies[SESSION_COOKIE] && !session) clearCookie(res, SESSION_COOKIE, cookieSettings);
    const user = session?.user ?? null;
    const sessionId = session?.sessionId ?? null;
    const lang = parseLanguage(cookies[LANGUAGE_COOKIE]) ?? DEFAULT_LANGUAGE;
    // Unit names come from the units table (a handful of rows), read per page so a name changed there shows at once.
    const units = (await readUnitNames(this.db))[lang];
    req.web = { user, lang, t: dictionary(lang), csrf: csrfToken(this.config.jwtSecret, nonce, sessionId), units };
    if (session) {
      req.user = session.user;
      req.sessionId = session.sessionId;
    }
    return { cookies, user, sessionId };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WebRequest & AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const { cookies, user, sessionId } = await this.establish(req, res);
    if (user) await this.limits.user(user.id);
    else await this.limits.anonymous(clientAddress(req));

    // Before the form token: a form posted after the session ended leads back to signing in, not to an error page.
    const isPublic = this.reflector.getAllAndOverride<boolean>(WEB_PUBLIC, [context.getHandler(), context.getClass()]);
    if (!isPublic && !user) {
      const ended = cookies[SESSION_COOKIE] ? 'session' : null;
      if (req.method !== 'POST') throw new SignInRequired(req.method === 'GET' ? req.originalUrl : '/', ended);
      // A form posted after the session ended: kept for its user, who comes back to its page after signing in.
      const { returnPath, kept } = await this.drafts.keep(req, res, cookies);
      // A post from no page (signing out) has no page to come back to, and nothing to say about it.
      throw new SignInRequired(returnPath ?? '/', kept ? 'form' : returnPath ? ended : null);
    }
    if (user && req.method === 'GET') req.web!.draft = await this.drafts.take(req, res, user.id, cookies);
    if (req.method === 'POST' && !csrfValid(this.config.jwtSecret, cookies[CSRF_COOKIE], (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD], sessionId)) {
      throw new CsrfRejected();
    }
    refuseFieldsNotText(req.query);
    if (req.method === 'POST') refuseFieldsNotText(req.body);
    return true;
  }
}

/**
 * Our forms and links send each field once, as text. A field sent twice (`f=a&f=b`) comes in as a list, and
 * one named `f[x]` as an object: the pages, written for text, failed on them with a 500 (a form) or read
 * another value than was sent (`efter=a&efter=b` showed the first page). No browser sends either for our forms
 * and links, so the request is refused, naming the fields, before any page reads them.
 */
function refuseFieldsNotText(body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const fields = Object.entries(body).filter(([, value]) => typeof value !== 'string').map(([field]) => field);
  if (fields.length === 0) return;
  throw new BadRequestException({
    message: `Fields sent more than once or not as text: ${fields.join(', ')}`,
    details: fields.map((field) => ({ field, message: 'must be sent once, as text' })),
  });
}
