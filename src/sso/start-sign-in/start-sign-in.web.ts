import { Get, Inject, Logger, NotFoundException, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AppConfig } from '../../kernel/config';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { HOME_PATH, WebPublic, type WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { safeLocalPath } from '../../web/web-session';
import { OidcClient, providerFailure } from '../oidc-client';
import { PENDING_LOGIN_SECONDS, PendingLogins } from '../pending-logins';
import { setSsoCookie } from '../sso-cookie';
import { SsoPages } from '../sso-pages';

/**
 * GET /api/v1/auth/oidc/login: the start of a single sign-on. The state,
 * nonce and PKCE verifier are stored on the server; the browser gets a handle
 * to them and is sent to the provider. A browser's page, not an API call, so
 * it answers with pages (under the API's prefix, where the contract puts it).
 */
@WebController('auth/oidc')
export class StartSignInWebController {
  private readonly logger = new Logger('SingleSignOn');

  constructor(
    private readonly oidc: OidcClient,
    private readonly pending: PendingLogins,
    private readonly pages: SsoPages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @WebPublic()
  @Get('login')
  async start(@Req() req: WebRequest, @Res() res: Response, @Query('next') next?: string): Promise<void> {
    if (!this.config.oidc) throw new NotFoundException('Single sign-on is not configured here (OIDC_ISSUER is unset)');
    let authorization;
    try {
      authorization = await this.oidc.authorization();
    } catch (error) {
      const failure = providerFailure(error);
      if (!failure) throw error;
      this.logger.warn(`The OpenID provider could not be asked to sign someone in: ${failure.error}`);
      return this.pages.refuse(req, res, 'unavailable');
    }
    const handle = await this.pending.begin({ ...authorization.login, next: safeLocalPath(next, HOME_PATH) });
    setSsoCookie(res, handle, this.config.production, PENDING_LOGIN_SECONDS);
    res.redirect(302, authorization.url.href);
  }
}
