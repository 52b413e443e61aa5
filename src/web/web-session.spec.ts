import { csrfToken, csrfValid, parseCookies, safeLocalPath } from './web-session';

describe('web session helpers', () => {
  it('parses a Cookie header, decoding values and skipping malformed pairs', () => {
    expect(parseCookies('uf_lang=en; uf_csrf=abc%3D; broken; =x; quoted="v"')).toEqual({ uf_lang: 'en', uf_csrf: 'abc=', quoted: 'v' });
    expect(parseCookies(undefined)).toEqual({});
  });

  it('accepts only the HMAC of this nonce under this secret as the form token', () => {
    const token = csrfToken('secret', 'nonce-1');
    expect(csrfValid('secret', 'nonce-1', token)).toBe(true);
    expect(csrfValid('secret', 'nonce-2', token)).toBe(false);
    expect(csrfValid('other', 'nonce-1', token)).toBe(false);
    expect(csrfValid('secret', undefined, token)).toBe(false);
    expect(csrfValid('secret', 'nonce-1', '')).toBe(false);
    expect(csrfValid('secret', 'nonce-1', ['x'])).toBe(false);
  });

  it('binds a signed-in form token to its session: refused in another session, after signing out, and on an anonymous page', () => {
    const token = csrfToken('secret', 'nonce-1', 'session-a');
    expect(csrfValid('secret', 'nonce-1', token, 'session-a')).toBe(true);
    expect(csrfValid('secret', 'nonce-1', token, 'session-b')).toBe(false);
    expect(csrfValid('secret', 'nonce-1', token)).toBe(false);
    expect(csrfValid('secret', 'nonce-1', csrfToken('secret', 'nonce-1'), 'session-a')).toBe(false);
    expect(csrfValid('secret', 'nonce-2', token, 'session-a')).toBe(false);
  });

  it('only redirects within the site', () => {
    expect(safeLocalPath('/rekommendationer?status=received', '/')).toBe('/rekommendationer?status=received');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'rekommendationer', '/x\r\nSet-Cookie: a=b', undefined, 42]) {
      expect(safeLocalPath(bad, '/')).toBe('/');
    }
  });
});
