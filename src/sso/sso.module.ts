import { Global, Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { ProviderSignOut } from '../web/sign-out/provider-sign-out';
import { WebModule } from '../web/web.module';
import { FinishSignInWebController } from './finish-sign-in/finish-sign-in.web';
import { OidcClient } from './oidc-client';
import { PendingLogins } from './pending-logins';
import { SsoAccounts } from './sso-accounts';
import { SsoPages } from './sso-pages';
import { SsoSessions } from './sso-sessions';
import { StartSignInWebController } from './start-sign-in/start-sign-in.web';

/**
 * Single sign-on through the city's OpenID Connect provider (OIDC_*): the
 * start and the callback, the sign-ins under way, the users it makes and
 * updates, and the provider's end-session for the shell's sign-out. Global
 * only to hand the shell its ProviderSignOut (the shell imports no
 * capability). Without OIDC_ISSUER the routes answer 404 and sign-out is as
 * it was.
 */
@Global()
@Module({
  imports: [WebModule, UsersModule],
  controllers: [StartSignInWebController, FinishSignInWebController],
  providers: [OidcClient, PendingLogins, SsoAccounts, SsoPages, SsoSessions, { provide: ProviderSignOut, useExisting: SsoSessions }],
  exports: [ProviderSignOut],
})
export class SsoModule {}
