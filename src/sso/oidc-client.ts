import { Inject, Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import type { AppConfig, OidcConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import type { PendingLogin } from './pending-logins';

/** What the app asks of the provider: who the user is (openid), their address (email) and their name and groups (profile). */
const SCOPE = 'openid email profile';

/** Seconds to wait for the provider on any one request: a provider that hangs must not hang a sign-in page for long. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** A new sign-in's secrets and the provider's address to send the browser to. */
export interface Authorization {
  url: URL;
  login: Omit<PendingLogin, 'next'>;
}

/** The verified claims of the user who signed in, and the ID token itself (the hint for ending their session later). */
export interface SignedInAtProvider {
  claims: Record<string, unknown>;
  idToken: string;
}

/**
 * The app's side of OpenID Connect, through openid-client: authorization
 * code with PKCE (S256), state and nonce. The provider's metadata and keys
 * are discovered on first use, not at start, so an app whose provider is
 * down still starts and serves passwords and the public page; a failed
 * discovery is tried again on the next sign-in.
 *
 * openid-client validates the ID token (issuer, audience, signature against
 * the provider's published keys, expiry, nonce) and the state; none of its
 * checks is turned off here. Plain http is allowed only for an http://
 * issuer, which the configuration accepts only outside production.
 */
@Injectable()
export class OidcClient {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get settings(): OidcConfig | null {
    return this.config.oidc;
  }

  async authorization(): Promise<Authorization> {
    const settings = this.required();
    const provider = await this.provider();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(provider, {
      redirect_uri: settings.redirectUrl,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, login: { state, nonce, codeVerifier } };
  }

  /**
   * The provider's answer at the callback, checked and exchanged for tokens.
   * `query` is the callback's query string; the URL it is checked as is
   * OIDC_REDIRECT_URL's, the one registered at the provider, whatever host
   * or proxy the request came through.
   */
  async finish(query: string, login: PendingLogin): Promise<SignedInAtProvider> {
    const settings = this.required();
    const provider = await this.provider();
    const currentUrl = new URL(settings.redirectUrl);
    currentUrl.search = query;
    const tokens = await client.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    // Many providers put only the subject in the ID token and the rest behind the userinfo endpoint; what the ID token says wins.
    if ((claims.email === undefined || claims[settings.roleClaim] === undefined) && provider.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(provider, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
    return { claims, idToken: tokens.id_token! };
  }

  /** The provider's end-session address for a session opened with this ID token, or null when the provider has none. */
  async endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<string | null> {
    if (!this.config.oidc) return null;
    const provider = await this.provider();
    if (!provider.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(provider, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri }).href;
  }

  private required(): OidcConfig {
    if (!this.config.oidc) throw new Error('Single sign-on is not configured (OIDC_ISSUER)');
    return this.config.oidc;
  }

  private provider(): Promise<client.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = null;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.required();
    const insecure = new URL(issuer).protocol === 'http:';
    const configuration = await client.discovery(new URL(issuer), clientId, clientSecret ?? undefined, clientSecret ? undefined : client.None(), {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      execute: insecure ? [client.allowInsecureRequests] : [],
    });
    configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
    return configuration;
  }
}

/** How a failed exchange with the provider is explained: it refused or was cancelled, it could not be reached, or its answer did not check out. */
export type ProviderFailure = { kind: 'cancelled' | 'refused'; error: string; description: string | null } | { kind: 'unavailable' | 'unverified'; error: string; description: null };

export function providerFailure(error: unknown): ProviderFailure | null {
  if (error instanceof client.AuthorizationResponseError) {
    return { kind: error.error === 'access_denied' ? 'cancelled' : 'refused', error: error.error, description: error.error_description ?? null };
  }
  if (error instanceof TypeError || (error instanceof client.ClientError && (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT'))) {
    return { kind: 'unavailable', error: error.message, description: null };
  }
  if (error instanceof client.ClientError || error instanceof client.ResponseBodyError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { kind: 'unverified', error: `${error.message}${cause}`, description: null };
  }
  return null;
}
