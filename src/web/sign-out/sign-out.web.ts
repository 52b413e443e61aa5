import { Inject, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AppConfig } from '../../kernel/config';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { routes } from '../../kernel/paths';
import { SIGN_IN_PATH } from '../web-context';
import { WebController } from '../web-controller.decorator';
import { clearCookie, SESSION_COOKIE } from '../web-session';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import { Sessions } from '../../auth/sessions';

/** Signing out on the web: the API's POST /auth/logout for the cookie's session. */
@WebController()
export class SignOutWebController {
  constructor(
    private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Ends the session itself, not only the cookie: a copy of the cookie, or its
   * token used as a bearer, stops working too. Not public: the guard sends a
   * browser whose session has already ended to the sign-in page.
   */
  @Post(routes.signOut)
  async signOut(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    await this.sessions.end(req.sessionId!, 'signed_out');
    clearCookie(res, SESSION_COOKIE, { secure: this.config.production });
    res.redirect(303, `${SIGN_IN_PATH}?klart=signedOut`);
  }
}
