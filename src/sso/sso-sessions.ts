import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../event-store/database';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { absoluteUrl, paths } from '../kernel/paths';
import { ProviderSignOut } from '../web/sign-out/provider-sign-out';
import { OidcClient } from './oidc-client';

/**
 * Which app sessions single sign-on opened, with the ID token each was opened
 * with: signing out of one of them leads on to the provider's end-session
 * page, with the token as the hint the provider asks for and the sign-in
 * page as where to come back (PUBLIC_BASE_URL/logga-in, which the provider
 * must have registered as a post-logout redirect URI). A session signed in
 * with a password has no row and signs out as before.
 */
@Injectable()
export class SsoSessions extends ProviderSignOut {
  constructor(
    private readonly db: Database,
    private readonly oidc: OidcClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async remember(sessionId: string, idToken: string, expiresInSeconds: number): Promise<void> {
    const now = new Date();
    await this.db.write(async (tx) => {
      await tx.query('DELETE FROM oidc_sessions WHERE expires_at < ?', [now.toISOString()]);
      await tx.query('INSERT INTO oidc_sessions (session_id, id_token, expires_at) VALUES (?, ?, ?)', [
        sessionId,
        idToken,
        new Date(now.getTime() + expiresInSeconds * 1000).toISOString(),
      ]);
    });
  }

  async endSessionUrl(sessionId: string): Promise<string | null> {
    const row = await this.db.write(async (tx) => {
      const [found] = await tx.query<{ id_token: string }>('SELECT id_token FROM oidc_sessions WHERE session_id = ?', [sessionId]);
      if (found) await tx.query('DELETE FROM oidc_sessions WHERE session_id = ?', [sessionId]);
      return found;
    });
    if (!row) return null;
    const url = await this.oidc.endSessionUrl(row.id_token, absoluteUrl(this.config.publicBaseUrl, paths.signIn()));
    // The pages' Content-Security-Policy lets the sign-out form go on to the issuer's origin only (kernel/security-headers.ts).
    if (url && new URL(url).origin !== new URL(this.config.oidc!.issuer).origin) {
      throw new Error(`the end-session endpoint ${url} is not on the issuer's origin, where the pages' form-action allows sign-out to go`);
    }
    return url;
  }
}
