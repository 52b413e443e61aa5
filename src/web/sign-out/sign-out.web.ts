import { Inject, Logger, Optional, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AppConfig } from '../../kernel/config';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { routes } from '../../kernel/paths';
import { SIGN_IN_PATH } from '../web-context';
import { WebController } from '../web-controller.decorator';
import { clearCookie, SESSION_COOKIE } from '../web-session';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import { Sessions } from '../../auth/sessions';
import { ProviderSignOut } from './provider-sign-out';

/** Signing out on the web: the API's POST /auth/logout for the cookie's session. */
@WebController()
export class SignOutWebController {
  private readonly logger = new Logger('SignOut');

  constructor(
    private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(ProviderSignOut) private readonly provider?: ProviderSignOut,
  ) {}

  /**
   * Ends the session itself, not only the cookie: a copy of the cookie, or its
   * token used as a bearer, stops working too. Not public: the guard sends a
   * browser whose session has already ended to the sign-in page. A session
   * opened through single sign-on goes on to the provider's end-session page,
   * where the user may end their session there too; the app's own session has
   * ended before, whatever the provider answers.
   */
  @Post(routes.signOut)
  async signOut(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const atProvider = await this.providerSignOut(req.sessionId!);
    await this.sessions.end(req.sessionId!, 'signed_out');
    clearCookie(res, SESSION_COOKIE, { secure: this.config.production });
    res.redirect(303, atProvider ?? `${SIGN_IN_PATH}?klart=signedOut`);
  }

  /** A provider that cannot be reached must not keep anyone signed in here: then only the app's session ends. */
  private async providerSignOut(sessionId: string): Promise<string | null> {
    try {
      return (await this.provider?.endSessionUrl(sessionId)) ?? null;
    } catch (error) {
      this.logger.warn(`The single sign-on provider's end-session address could not be made: ${(error as Error).message}`);
      return null;
    }
  }
}
