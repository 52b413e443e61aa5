import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Response } from 'express';
import type { TokenClaims } from '../auth/auth.guard';
import type { User } from '../auth/users';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
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
 * controllers are @Public() to that one). It reads the session cookie, sets
 * the language, hands every page its CSRF token, refuses a POST without it,
 * and sends anyone not signed in to the sign-in page.
 */
@Injectable()
export class WebGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WebRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const cookies = parseCookies(req.headers.cookie);
    const cookieSettings = { secure: this.config.production };

    let nonce = cookies[CSRF_COOKIE];
    if (!nonce || !/^[A-Za-z0-9_-]{20,64}$/.test(nonce)) {
      nonce = newCsrfNonce();
      setCookie(res, CSRF_COOKIE, nonce, cookieSettings, CSRF_COOKIE_SECONDS);
    }
    const user = await this.sessionUser(cookies[SESSION_COOKIE]);
    if (cookies[SESSION_COOKIE] && !user) clearCookie(res, SESSION_COOKIE, cookieSettings);
    const lang = parseLanguage(cookies[LANGUAGE_COOKIE]) ?? DEFAULT_LANGUAGE;
    req.web = { user, lang, t: dictionary(lang), csrf: csrfToken(this.config.jwtSecret, nonce) };
    if (user) req.user = user;

    if (req.method === 'POST' && !csrfValid(this.config.jwtSecret, cookies[CSRF_COOKIE], (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD])) {
      throw new CsrfRejected();
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(WEB_PUBLIC, [context.getHandler(), context.getClass()]);
    if (!isPublic && !user) throw new SignInRequired(req.method === 'GET' ? req.originalUrl : '/');
    return true;
  }

  /** The session is the API's own JWT: an expired or tampered one simply means "not signed in". */
  private async sessionUser(token: string | undefined): Promise<User | null> {
    if (!token) return null;
    try {
      const c = await this.jwt.verifyAsync<TokenClaims>(token);
      return { id: c.sub, email: c.email, name: c.name, role: c.role, unit: c.unit, language: c.language };
    } catch {
      return null;
    }
  }
}
