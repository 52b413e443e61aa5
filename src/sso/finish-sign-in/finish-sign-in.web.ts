import { Get, Inject, Logger, NotFoundException, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import { AuthService } from '../../auth/auth.service';
import { Sessions } from '../../auth/sessions';
import type { AppConfig } from '../../kernel/config';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { WebSignIn } from '../../web/sign-in/web-sign-in';
import { WebPublic, type WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { parseCookies } from '../../web/web-session';
import { claimValues, mapRole } from '../domain/role-mapping';
import { OidcClient, providerFailure, type SignedInAtProvider } from '../oidc-client';
import { PendingLogins } from '../pending-logins';
import { SsoAccounts } from '../sso-accounts';
import { clearSsoCookie, SSO_COOKIE } from '../sso-cookie';
import { SsoPages, type Refusal } from '../sso-pages';
import { SsoSessions } from '../sso-sessions';
import { normalEmail } from '../../kernel/email-address';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The user's name as the provider gives it: `name`, else given and family name, else the address. */
function nameOf(claims: Record<string, unknown>, email: string): string {
  const full = text(claims.name) ?? [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return (full || email).slice(0, 200);
}

/**
 * GET /api/v1/auth/oidc/callback (the path of OIDC_REDIRECT_URL): where the
 * provider sends the browser back. The sign-in under way is taken (once)
 * from the server by the cookie's handle, the answer is checked and
 * exchanged by openid-client, the role claim is mapped, the user is made or
 * brought up to date, and the browser gets a session exactly as the
 * password form gives one. Whatever goes wrong ends on a page that says what
 * happened, never on a 500.
 */
@WebController('auth/oidc')
export class FinishSignInWebController {
  private readonly logger = new Logger('SingleSignOn');

  constructor(
    private readonly oidc: OidcClient,
    private readonly pending: PendingLogins,
    private readonly accounts: SsoAccounts,
    private readonly ssoSessions: SsoSessions,
    private readonly auth: AuthService,
    private readonly sessions: Sessions,
    private readonly signIn: WebSignIn,
    private readonly pages: SsoPages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @WebPublic()
  @Get('callback')
  async finish(@Req() req: WebRequest & AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const settings = this.config.oidc;
    if (!settings) throw new NotFoundException('Single sign-on is not configured here (OIDC_ISSUER is unset)');
    clearSsoCookie(res, this.config.production);
    const login = await this.pending.take(parseCookies(req.headers.cookie)[SSO_COOKIE]);
    if (!login) return this.pages.refuse(req, res, 'expired');

    let signedIn: SignedInAtProvider;
    try {
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
      signedIn = await this.oidc.finish(query, login);
    } catch (error) {
      const failure = providerFailure(error);
      if (!failure) throw error;
      this.logger.warn(`A single sign-on failed (${failure.kind}): ${failure.error}${failure.description ? ` – ${failure.description}` : ''}`);
      const why: Record<typeof failure.kind, Refusal> = { cancelled: 'cancelled', refused: 'providerError', unavailable: 'unavailable', unverified: 'notVerified' };
      const detail = failure.kind === 'cancelled' || failure.kind === 'refused' ? [failure.error, failure.description].filter(Boolean).join(': ') : null;
      return this.pages.refuse(req, res, why[failure.kind], { detail });
    }

    const { claims } = signedIn;
    const given = text(claims.email);
    const email = given === null ? null : normalEmail(given);
    if (!email || claims.email_verified === false) return this.pages.refuse(req, res, 'noEmail');
    const groups = claimValues(claims[settings.roleClaim]);
    const mapped = mapRole(groups, settings.roleMap);
    if (!mapped) {
      this.logger.warn(`${email} signed in at the provider, but none of their ${settings.roleClaim} (${groups.join(', ') || 'none'}) is in OIDC_ROLE_MAP`);
      return this.pages.refuse(req, res, 'noRole', { email, groups });
    }
    const admission = await this.accounts.admit({ email, name: nameOf(claims, email), language: req.web!.lang, mapped });
    if (!admission.admitted) {
      this.logger.warn(`${email} signed in at the provider but was refused: ${admission.why === 'deactivated' ? 'deactivated here' : admission.problem}`);
      return this.pages.refuse(req, res, admission.why === 'deactivated' ? 'deactivated' : 'notAccepted', {
        email,
        detail: admission.why === 'not_accepted' ? admission.problem : null,
      });
    }
    const session = await this.auth.issue(admission.user);
    const { sessionId } = await this.sessions.authenticate(session.accessToken);
    await this.ssoSessions.remember(sessionId, signedIn.idToken, session.expiresIn);
    this.logger.log(`${email} signed in through single sign-on as ${mapped.role}${mapped.unit ? ` of ${mapped.unit}` : ''}${admission.created ? ' (new user)' : ''}`);
    await this.signIn.enter(req, res, session, login.next);
  }
}
