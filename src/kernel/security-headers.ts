import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { AppConfig } from './config';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Where the stylesheet is served: the same for everyone, so it may be cached. */
const STATIC_PATH = /^\/static\//;

/** Where Swagger UI is served; its page needs inline styles, the app's pages do not. */
const DOCS_PATH = /^\/api\/docs(?:[/?]|$)/;

/**
 * The pages are server-rendered with no script at all and one stylesheet, so
 * the policy can say exactly that: everything from our own origin, no inline
 * script or style, no plugins, and no framing by anyone (clickjacking).
 * HSTS only in production, where the app is reached over HTTPS; sent over
 * plain HTTP in development it would pin localhost to HTTPS in the browser.
 */
export function securityHeaders(config: AppConfig, sessionCookie: string): Middleware {
  const directives = (styleSrc: string[]) => ({
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    // Signing out of a single sign-on session posts the form on to the provider's end-session page (a redirect, which form-action governs too).
    'form-action': ["'self'", ...(config.oidc ? [new URL(config.oidc.issuer).origin] : [])],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': styleSrc,
    'upgrade-insecure-requests': config.production ? [] : null,
  });
  const options = (styleSrc: string[]) => ({
    contentSecurityPolicy: { useDefaults: false, directives: directives(styleSrc) },
    strictTransportSecurity: config.production ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' as const },
    xContentTypeOptions: true,
    xPoweredBy: true,
  });
  const pages = helmet(options(["'self'"]));
  // Swagger UI sets style attributes from its scripts and ships an inline <style>.
  const docs = helmet(options(["'self'", "'unsafe-inline'"]));
  const signedIn = new RegExp(`(?:^|;\\s*)${sessionCookie}=`);
  return (req, res, next) => {
    // What is answered to someone signed in (a token, or the session's cookie) is kept by no browser or proxy cache:
    // on a shared computer the back button showed the last user's pages, and their exports stayed on disk. The stylesheet is the same for all.
    if ((req.headers.authorization || signedIn.test(req.headers.cookie ?? '')) && !STATIC_PATH.test(req.url ?? '')) res.setHeader('Cache-Control', 'no-store');
    return (DOCS_PATH.test(req.url ?? '') ? docs : pages)(req, res, next);
  };
}
