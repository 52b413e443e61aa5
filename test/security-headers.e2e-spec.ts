import type { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import { launchBrowser, serve, type Browser } from './support/browser';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

// A real browser is part of it: well past Jest's 5 s default.
jest.setTimeout(60_000);

/** A directive of a Content-Security-Policy header, e.g. `frame-ancestors` → `'none'`. */
const directive = (csp: string | undefined, name: string): string | undefined =>
  csp
    ?.split(';')
    .map((d) => d.trim())
    .find((d) => d === name || d.startsWith(`${name} `))
    ?.slice(name.length)
    .trim();

function expectHardened(res: Response): void {
  const csp = res.headers['content-security-policy'];
  expect(directive(csp, 'frame-ancestors')).toBe("'none'");
  expect(directive(csp, 'default-src')).toBe("'self'");
  expect(directive(csp, 'object-src')).toBe("'none'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('every answer carries the security headers, HSTS only in production', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let prodDb: TestDatabase;
  let prod: INestApplication;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db);
    base = await serve(app);
    browser = await launchBrowser();
    prodDb = await TestDatabase.create();
    prod = await startApp(prodDb, { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await prod?.close();
    await db?.drop();
    await prodDb?.drop();
  });

  it('on an API read, with no inline script or style allowed and no HSTS outside production', async () => {
    const token = await login(app, 'revisor@demo.local');
    const res = await api(app).get('/api/v1/reviews').set(bearer(token)).expect(200);
    expectHardened(res);
    const csp = res.headers['content-security-policy'];
    expect(directive(csp, 'script-src')).toBe("'self'");
    expect(directive(csp, 'style-src')).toBe("'self'");
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('on a web page, a static file, a refusal and an unknown page', async () => {
    expectHardened(await api(app).get('/logga-in').expect(200));
    expectHardened(await api(app).get('/oppet').expect(200));
    expectHardened(await api(app).get('/static/app.css').expect(200));
    expectHardened(await api(app).get('/api/v1/reviews').expect(401));
    expectHardened(await api(app).get('/api/v1/no-such-thing'));
    expectHardened(await api(app).get('/no-such-page'));
  });

  it("keeps what is answered to someone signed in out of every cache (a shared computer's back button, a proxy); public pages and the stylesheet may be kept", async () => {
    const token = await login(app, 'sekreterare@demo.local');
    for (const path of ['/api/v1/recommendations', '/api/v1/users', '/api/v1/audit/events?format=csv']) {
      const res = await api(app).get(path).set(bearer(token));
      expect({ path, cacheControl: res.headers['cache-control'] }).toEqual({ path, cacheControl: 'no-store' });
    }
    const web = await WebClient.signIn(app, 'sekreterare@demo.local');
    for (const path of ['/rekommendationer', '/export/rekommendationer?format=csv', '/ej-rapporterat']) {
      expect({ path, cacheControl: (await web.get(path)).headers['cache-control'] }).toEqual({ path, cacheControl: 'no-store' });
    }
    expect((await web.get('/static/app.css')).headers['cache-control']).toBe('public, max-age=3600');
    expect((await api(app).get('/oppet')).headers['cache-control']).toBeUndefined();
  });

  it('on a body the parser refuses, which also names its request id', async () => {
    const res = await api(app).post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":').expect(400);
    expectHardened(res);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets Swagger UI work: its page may use inline styles, but still cannot be framed', async () => {
    const res = await api(app).get('/api/docs/').expect(200);
    expect(res.text).toContain('swagger-ui');
    const csp = res.headers['content-security-policy'];
    expect(directive(csp, 'style-src')).toBe("'self' 'unsafe-inline'");
    expect(directive(csp, 'script-src')).toBe("'self'");
    expect(directive(csp, 'frame-ancestors')).toBe("'none'");
    expect(res.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    const page = await browser.context.newPage();
    await page.goto(`${base}/api/docs/`);
    await page.getByRole('heading', { name: /Uppföljning API/ }).waitFor();
    await page.getByText('/api/v1/reviews').first().waitFor();
    expect(browser.cspViolations).toEqual([]);
    await page.close();
  });

  it('makes the browser refuse a script or a style slipped into a page, and report it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/oppet`);
    expect(browser.cspViolations).toEqual([]);
    // As if a value had escaped its escaping: an inline script and a style attribute. Resolves once both are refused.
    await page.evaluate(`new Promise((resolve) => {
      let refused = 0;
      document.addEventListener('securitypolicyviolation', () => ++refused === 2 && resolve());
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      document.querySelector('h1').setAttribute('style', 'color: red');
    })`);
    // The reports travel to the test on their own channel: wait for them to arrive.
    for (let i = 0; i < 100 && browser.cspViolations.length < 2; i++) await page.waitForTimeout(20);
    expect(browser.cspViolations.map((v) => v.directive).sort()).toEqual(['script-src-elem', 'style-src-attr']);
    expect(await page.evaluate('window.injected === true')).toBe(false);
    expect(await page.evaluate('getComputedStyle(document.querySelector("h1")).color')).not.toBe('rgb(255, 0, 0)');
  });

  it('in production adds HSTS and asks browsers to upgrade insecure requests', async () => {
    const res = await api(prod).get('/logga-in').expect(200);
    expectHardened(res);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect((await api(prod).get('/api/v1/health/live').expect(200)).headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
