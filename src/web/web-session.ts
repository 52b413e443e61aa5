import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import type { Language } from './i18n';

/** The web UI's cookies. The session cookie holds the same token the API hands out as a bearer token: a handle to a session row. */
export const SESSION_COOKIE = 'uf_session';
export const CSRF_COOKIE = 'uf_csrf';
export const LANGUAGE_COOKIE = 'uf_lang';
/** A language chosen is kept for a year. */
export const LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600;
export const CSRF_FIELD = '_csrf';

/** Cookie header → name/value map. Malformed pairs are skipped, not fatal: a stray cookie must not lock anyone out. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

export interface CookieSettings {
  secure: boolean;
}

/** HttpOnly and SameSite=Lax always; Secure in production, where the UI is served over HTTPS. */
export function setCookie(res: Response, name: string, value: string, settings: CookieSettings, maxAgeSeconds: number): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: settings.secure, path: '/', maxAge: maxAgeSeconds * 1000 });
}

export function clearCookie(res: Response, name: string, settings: CookieSettings): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: settings.secure, path: '/' });
}

export const newCsrfNonce = (): string => randomBytes(24).toString('base64url');

/**
 * Signed double submit, bound to the session: the cookie holds a random
 * nonce, every form carries an HMAC of it and of the signed-in session's id
 * (of the nonce alone on anonymous pages, such as the sign-in form). A page
 * on another site can neither read the cookie nor compute the HMAC, a cookie
 * planted from a sibling domain is useless without the server's secret, and
 * a token from one session is refused in another and after signing out.
 */
export const csrfToken = (secret: string, nonce: string, sessionId: string | null = null): string =>
  createHmac('sha256', secret)
    .update(sessionId === null ? `csrf:${nonce}` : `csrf:${nonce}:session:${sessionId}`)
    .digest('base64url');

export function csrfValid(secret: string, nonce: string | undefined, token: unknown, sessionId: string | null = null): boolean {
  if (!nonce || typeof token !== 'string' || token.length === 0) return false;
  const expected = Buffer.from(csrfToken(secret, nonce, sessionId));
  const actual = Buffer.from(token);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export const parseLanguage = (value: unknown): Language | null => (value === 'sv' || value === 'en' ? value : null);

/** Only same-site paths: `next` must never send a user off to another host. */
export function safeLocalPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return /[\r\n]/.test(value) ? fallback : value;
}
