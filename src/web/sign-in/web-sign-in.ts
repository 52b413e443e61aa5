import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import type { LoginResult } from '../../auth/auth.service';
import { Sessions } from '../../auth/sessions';
import type { AppConfig } from '../../kernel/config';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { LANGUAGE_COOKIE, LANGUAGE_COOKIE_SECONDS, parseCookies, parseLanguage, SESSION_COOKIE, setCookie } from '../web-session';

/**
 * The cookie outlives its session by a day: the token in it opens nothing once
 * the session has ended (the server refuses it), but a form posted after that
 * still says whose session it was, so what was typed can be kept for that user
 * (form-drafts.ts) instead of arriving with no cookie at all.
 */
const COOKIE_OUTLIVES_SESSION_SECONDS = 24 * 3600;

/**
 * How a browser enters a session that was just opened, whichever way the
 * user proved who they are (the password form, single sign-on): the same
 * cookie, the same lifetime, and whoever was signed in on this browser
 * before is signed out (one browser, one session).
 */
@Injectable()
export class WebSignIn {
  constructor(
    private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enter(req: AuthenticatedRequest, res: Response, session: Pick<LoginResult, 'accessToken' | 'expiresIn' | 'user'>, next: string): Promise<void> {
    if (req.sessionId) await this.sessions.end(req.sessionId, 'signed_in_again');
    this.setCookie(res, session);
    // A browser that never chose a language gets the user's own (the one their mails are in); a choice made stays.
    if (!parseLanguage(parseCookies(req.headers.cookie)[LANGUAGE_COOKIE])) {
      setCookie(res, LANGUAGE_COOKIE, session.user.language, { secure: this.config.production }, LANGUAGE_COOKIE_SECONDS);
    }
    res.redirect(303, next);
  }

  /** The session's cookie, outliving it by a day as every session cookie does (a new one after a password change too). */
  setCookie(res: Response, session: Pick<LoginResult, 'accessToken' | 'expiresIn'>): void {
    setCookie(res, SESSION_COOKIE, session.accessToken, { secure: this.config.production }, session.expiresIn + COOKIE_OUTLIVES_SESSION_SECONDS);
  }
}
