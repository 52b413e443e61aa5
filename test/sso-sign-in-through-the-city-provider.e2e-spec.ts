import type { INestApplication } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { expectAccessible, launchBrowser, type Browser } from './support/browser';
import { freePort } from './support/free-port';
import { startOidcProvider, type TestOidcProvider } from './support/oidc-provider';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

// A real provider, a real browser: round trips well past Jest's 5 s default.
jest.setTimeout(90_000);

const ROLE_MAP = {
  'sfi-handlaggare': { role: 'officer', unit: 'sfi' },
  'uppfoljning-admin': { role: 'admin' },
};

/** The city's directory, as the provider knows it: what is typed into its login form → the account's claims. */
const ACCOUNTS = {
  sara: { email: 'Sara.Svensson@stockholm.se', name: 'Sara Svensson', groups: ['alla-anstallda', 'sfi-handlaggare'] },
  per: { email: 'per.persson@stockholm.se', name: 'Per Persson', groups: ['alla-anstallda', 'kultur-handlaggare'] },
  // A demo account the app already has (unit head of sfi): the provider's name and group win at her next sign-in.
  karin: { email: 'chef.sfi@demo.local', name: 'Karin Andersson', groups: ['sfi-handlaggare'] },
};

/** Through the provider's own login page (oidc-provider's development form: any password for a known account). */
async function signInAtProvider(page: Page, provider: TestOidcProvider, account: string): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(provider.issuer));
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('whatever the city asks');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

const sessionToken = async (browser: Browser): Promise<string | undefined> => (await browser.context.cookies()).find((c) => c.name === 'uf_session')?.value;

describe('a city officer signs in through the city’s OpenID Connect provider', () => {
  let provider: TestOidcProvider;
  let db: TestDatabase;
  let app: INestApplication;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    // The provider must know the app's redirect address before the app starts, so the app's port is chosen first.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ redirectUri: `${base}/api/v1/auth/oidc/callback`, postLogoutRedirectUri: `${base}/logga-in`, accounts: ACCOUNTS });
    db = await TestDatabase.create();
    app = await startApp(db, {
      ...provider.env,
      OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP),
      OIDC_ACCESS_CONTACT: 'uppfoljning@stockholm.se',
      PUBLIC_BASE_URL: base,
    });
    await app.listen(port, '127.0.0.1');
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
    await provider?.stop();
  });

  it('offers "Logga in med Stockholms stads konto" on the sign-in page, beside the password form', async () => {
    await page.goto(`${base}/logga-in`);
    await expectAccessible(page);
    await expect(page.getByRole('link', { name: 'Logga in med Stockholms stads konto' }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Lösenord').isVisible()).resolves.toBe(true);
  });

  it('sends the browser to the provider with the authorization code flow, PKCE (S256), state and nonce, keeping them on the server', async () => {
    const start = await api(app).get('/api/v1/auth/oidc/login').expect(302);
    const to = new URL(start.headers.location);
    expect(`${to.origin}`).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: `${base}/api/v1/auth/oidc/callback`,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    for (const param of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(param)).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    // The browser holds only a handle: none of the secrets is in its cookie.
    const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('uf_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    for (const param of ['state', 'nonce']) expect(cookie).not.toContain(to.searchParams.get(param));
  });

  it('lands a user of the mapped group sfi-handlaggare on the start page as officer of sfi', async () => {
    await page.goto(`${base}/logga-in`);
    await page.getByRole('link', { name: 'Logga in med Stockholms stads konto' }).click();
    await signInAtProvider(page, provider, 'sara');
    await page.waitForURL(`${base}/mina-atgarder`);
    await expectAccessible(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('Mina åtgärder');
    await expect(page.locator('.who').textContent()).resolves.toMatch(/Inloggad som\s+Sara Svensson\s+\(handläggare, sfi-avdelningen\)/);

    const token = (await sessionToken(browser))!;
    const me = await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ email: 'sara.svensson@stockholm.se', name: 'Sara Svensson', role: 'officer', unit: 'sfi' });
  });

  it('made the user through the users aggregate, by the system, from single sign-on', async () => {
    const auditor = await login(app, 'revisor@demo.local');
    const created = await api(app).get('/api/v1/audit/events?type=UserCreated&limit=1000').set(bearer(auditor)).expect(200);
    const sara = (created.body as Array<{ data: Record<string, unknown>; actor: { name: string }; reason: string | null }>).find(
      (e) => e.data.email === 'sara.svensson@stockholm.se',
    );
    expect(sara).toMatchObject({ data: { name: 'Sara Svensson', role: 'officer', unit: 'sfi', source: 'sso' }, actor: { name: 'Uppföljning' }, reason: 'Från Stockholms stads inloggning' });
  });

  it('signs out of the app and offers the provider’s end-session, which comes back to the sign-in page', async () => {
    const token = (await sessionToken(browser))!;
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/session/end`));
    // The app's session is over before the provider is even asked.
    await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${base}/logga-in`);
    await expect(page.getByRole('link', { name: 'Logga in med Stockholms stads konto' }).isVisible()).resolves.toBe(true);
  });

  it('updates the name and role of a user it already has at their next sign-in, with the reason in the event log', async () => {
    await page.goto(`${base}/api/v1/auth/oidc/login`);
    await signInAtProvider(page, provider, 'karin');
    await page.waitForURL(`${base}/mina-atgarder`);
    await expect(page.locator('.who').textContent()).resolves.toMatch(/Karin Andersson\s+\(handläggare, sfi-avdelningen\)/);
    const me = await api(app).get('/api/v1/auth/me').set(bearer((await sessionToken(browser))!)).expect(200);
    expect(me.body).toMatchObject({ email: 'chef.sfi@demo.local', name: 'Karin Andersson', role: 'officer', unit: 'sfi' });

    const auditor = await login(app, 'revisor@demo.local');
    const changed = await api(app).get('/api/v1/audit/events?type=UserChanged&limit=1000').set(bearer(auditor)).expect(200);
    expect(changed.body).toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ name: 'Karin Andersson', role: 'officer' }), reason: 'Från Stockholms stads inloggning' }),
    );
    // The next sign-in changes nothing, so it records nothing.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.goto(`${base}/api/v1/auth/oidc/login`);
    await page.waitForURL(`${base}/mina-atgarder`);
    const again = await api(app).get('/api/v1/audit/events?type=UserChanged&limit=1000').set(bearer(auditor)).expect(200);
    expect(again.body.length).toBe(changed.body.length);
  });

  it('refuses a user in no mapped group with a page that says why and whom to ask, and no session', async () => {
    await browser.context.clearCookies();
    const refused = page.waitForResponse((r) => r.url().startsWith(`${base}/api/v1/auth/oidc/callback`));
    await page.goto(`${base}/logga-in`);
    await page.getByRole('link', { name: 'Logga in med Stockholms stads konto' }).click();
    await signInAtProvider(page, provider, 'per');
    expect((await refused).status()).toBe(403);
    await expectAccessible(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('Du kan inte logga in i Uppföljning');
    await expect(page.locator('#refusal-reason').textContent()).resolves.toBe('Ditt konto har ingen roll i Uppföljning.');
    const text = await page.locator('main').textContent();
    expect(text).toContain('per.persson@stockholm.se');
    expect(text).toContain('kultur-handlaggare');
    await expect(page.getByRole('link', { name: 'uppfoljning@stockholm.se' }).getAttribute('href')).resolves.toBe('mailto:uppfoljning@stockholm.se');
    expect(await sessionToken(browser)).toBeUndefined();
  });

  it('refuses a user an admin deactivated here, though the provider still lets them in', async () => {
    const admin = await login(app, 'admin@demo.local');
    const users = await api(app).get('/api/v1/users?limit=1000').set(bearer(admin)).expect(200);
    const sara = (users.body as Array<{ id: string; email: string }>).find((u) => u.email === 'sara.svensson@stockholm.se')!;
    await api(app).patch(`/api/v1/users/${sara.id}`).set(bearer(admin)).send({ active: false, reason: 'Slutat i staden' }).expect(200);

    await browser.context.clearCookies();
    const refused = page.waitForResponse((r) => r.url().startsWith(`${base}/api/v1/auth/oidc/callback`));
    await page.goto(`${base}/api/v1/auth/oidc/login`);
    await signInAtProvider(page, provider, 'sara');
    expect((await refused).status()).toBe(403);
    await expect(page.locator('#refusal-reason').textContent()).resolves.toBe('Ditt konto i Uppföljning är avstängt.');
    expect(await sessionToken(browser)).toBeUndefined();
    // Still deactivated: the provider's word does not reactivate anyone.
    const after = await api(app).get(`/api/v1/users/${sara.id}`).set(bearer(admin)).expect(200);
    expect(after.body).toMatchObject({ active: false, role: 'officer' });
  });

  it('says the sign-in was cancelled when the user cancels at the provider, never a 500', async () => {
    await browser.context.clearCookies();
    const answered = page.waitForResponse((r) => r.url().startsWith(`${base}/api/v1/auth/oidc/callback`));
    await page.goto(`${base}/api/v1/auth/oidc/login`);
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    expect((await answered).status()).toBe(403);
    await expect(page.locator('#refusal-reason').textContent()).resolves.toBe('Inloggningen avbröts.');
    await expect(page.locator('main').textContent()).resolves.toContain('access_denied');
    await expectAccessible(page);
  });

  it('refuses an answer whose sign-in it never started, or that was already used, as expired', async () => {
    const forged = await api(app).get('/api/v1/auth/oidc/callback?code=abc&state=def').expect(400);
    expect(forged.text).toContain('Inloggningen hann gå ut eller har redan använts.');
    const cancelledElsewhere = await api(app).get('/api/v1/auth/oidc/callback?error=access_denied&state=def').set('Cookie', 'uf_oidc=not-a-handle-we-gave-out-0123456789').expect(400);
    expect(cancelledElsewhere.text).toContain('Inloggningen hann gå ut');
    const inEnglish = await api(app).get('/api/v1/auth/oidc/callback?code=abc&state=def').set('Cookie', 'uf_lang=en').expect(400);
    expect(inEnglish.text).toContain('The sign-in had expired or was already used.');
  });

  it('refuses a state that does not match the sign-in under way', async () => {
    const start = await api(app).get('/api/v1/auth/oidc/login').expect(302);
    const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('uf_oidc='))!.split(';')[0];
    const wrongState = await api(app).get('/api/v1/auth/oidc/callback?code=abc&state=not-the-state').set('Cookie', cookie).expect(400);
    expect(wrongState.text).toContain('Svaret från Stockholms stads inloggning gick inte att kontrollera.');
    // Single use: the same handle a second time is expired.
    await api(app).get('/api/v1/auth/oidc/callback?code=abc&state=not-the-state').set('Cookie', cookie).expect(400);
  });

  it('still signs in with a password when PASSWORD_LOGIN is not false', async () => {
    await login(app, 'handlaggare.sfi@demo.local');
  });
});

describe('with PASSWORD_LOGIN=false only single sign-on lets anyone in', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let provider: TestOidcProvider;

  beforeAll(async () => {
    provider = await startOidcProvider({ redirectUri: 'http://127.0.0.1:9/api/v1/auth/oidc/callback', postLogoutRedirectUri: 'http://127.0.0.1:9/logga-in', accounts: {} });
    db = await TestDatabase.create();
    app = await startApp(db, { ...provider.env, OIDC_REDIRECT_URL: 'http://127.0.0.1:9/api/v1/auth/oidc/callback', OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP), PASSWORD_LOGIN: 'false' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await provider?.stop();
  });

  it('shows no password form on the sign-in page, only the city’s sign-in', async () => {
    const page = await api(app).get('/logga-in').expect(200);
    expect(page.text).toContain('Logga in med Stockholms stads konto');
    expect(page.text).not.toMatch(/type="password"/);
    expect(page.text).not.toContain('action="/logga-in"');
  });

  it('refuses the API’s password sign-in with 403 and says why, even with the right password', async () => {
    const refused = await api(app).post('/api/v1/auth/login').send({ email: 'admin@demo.local', password: 'demo-password' }).expect(403);
    expect(refused.body.message).toMatch(/PASSWORD_LOGIN=false/);
    expect(refused.body.accessToken).toBeUndefined();
  });

  it('refuses a post of the sign-in form with 403 and no session', async () => {
    const agent = (await import('supertest')).default.agent(app.getHttpServer());
    const form = await agent.get('/logga-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const posted = await agent.post('/logga-in').type('form').send({ email: 'admin@demo.local', password: 'demo-password', _csrf: csrf }).redirects(0).expect(403);
    expect(posted.text).toContain('Inloggning med lösenord är avstängd.');
    expect(String(posted.headers['set-cookie'] ?? '')).not.toContain('uf_session=');
  });
});
