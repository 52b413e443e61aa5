import type { Response } from 'express';

/**
 * The browser's handle to its sign-in under way (pending-logins.ts): HttpOnly,
 * SameSite=Lax (the provider sends the browser back with a top-level GET, which
 * Lax lets the cookie ride along with), sent only to the two SSO routes, and
 * gone after ten minutes or the callback, whichever comes first.
 */
export const SSO_COOKIE = 'uf_oidc';
const SSO_COOKIE_PATH = '/api/v1/auth/oidc';

export function setSsoCookie(res: Response, handle: string, secure: boolean, maxAgeSeconds: number): void {
  res.cookie(SSO_COOKIE, handle, { httpOnly: true, sameSite: 'lax', secure, path: SSO_COOKIE_PATH, maxAge: maxAgeSeconds * 1000 });
}

export function clearSsoCookie(res: Response, secure: boolean): void {
  res.clearCookie(SSO_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: SSO_COOKIE_PATH });
}
