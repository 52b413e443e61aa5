/**
 * Where a browser goes after signing out of a session that a single sign-on
 * provider opened: the provider's own end-session page, so the user can end
 * their session there too. The shell owns the question and SSO answers it
 * (the shell imports no capability); without SSO nobody provides it.
 */
export abstract class ProviderSignOut {
  /** The provider's end-session URL for this app session, or null (not an SSO session, or the provider has none). */
  abstract endSessionUrl(sessionId: string): Promise<string | null>;
}
