import { Database } from '../src/event-store/database';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(90_000);

const SESSION_ENDED_FORM = 'Du har loggats ut eftersom sessionen gick ut. Logga in igen så kommer du tillbaka till formuläret.';

describe('a session that ends in the middle of a form loses nothing', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;
  let actionId: string;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    t = await demoTokens(app);
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Kartlägg stadsdelarna', dueDate: '2012-08-31' }));
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  const database = () => app.get(Database);
  /** The session runs out on the server, as after its lifetime; the browser still holds its cookie. */
  const expireSessionsOf = (email: string) =>
    database().write((tx) => tx.query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = (SELECT id FROM users WHERE email = ?)", [email]));
  const revokeSessionsOf = (email: string) =>
    database().write((tx) => tx.query("UPDATE sessions SET revoked_at = ?, revoked_reason = 'signed_out' WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE email = ?)", [new Date().toISOString(), email]));
  const drafts = async () => (await database().query<{ fields: string }>('SELECT fields FROM form_drafts')).map((r) => JSON.parse(r.fields) as Record<string, string>);
  const notes = async () => {
    const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    return (detail.body.actions[0].updates as Array<{ note: string }>).map((u) => u.note);
  };

  const typeProgress = async (note: string) => {
    const form = page.locator(`#action-${actionId}`);
    await form.locator('summary', { hasText: 'Rapportera framsteg' }).click();
    await page.locator(`#progress-${actionId}-progressPercent`).fill('55');
    await page.locator(`#progress-${actionId}-note`).fill(note);
    await page.locator(`#progress-${actionId}-evidenceTitle1`).fill('Kartläggning');
    await page.locator(`#progress-${actionId}-evidenceUrl1`).fill('https://example.org/k.pdf');
    await form.getByRole('button', { name: 'Rapportera framsteg' }).click();
  };

  it('says why on the sign-in page, and after signing in shows the page again with what was typed, not sent', async () => {
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    await expireSessionsOf('handlaggare.sfi@demo.local');

    await typeProgress('Ringde Järva och Rinkeby');
    await page.waitForURL(/\/logga-in\?/);
    await expectAccessible(page);
    expect(await page.getByRole('status').textContent()).toBe(SESSION_ENDED_FORM);
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/rekommendationer/${r2}`);
    // Kept on the server for its user, without the form token.
    expect(await drafts()).toEqual([
      expect.objectContaining({ progressPercent: '55', note: 'Ringde Järva och Rinkeby', evidenceTitle1: 'Kartläggning', evidenceUrl1: 'https://example.org/k.pdf' }),
    ]);
    expect(JSON.stringify(await drafts())).not.toMatch(/_csrf|_from/);

    await page.getByLabel('E-postadress').fill('handlaggare.sfi@demo.local');
    await page.getByLabel('Lösenord').fill('demo-password');
    await Promise.all([page.waitForURL(new RegExp(`/rekommendationer/${r2}$`)), page.getByRole('button', { name: 'Logga in' }).click()]);
    await expectAccessible(page);
    expect(await page.locator('.notice').textContent()).toContain('Det du skrev står kvar i formuläret');
    expect(await page.locator(`#progress-${actionId}-note`).inputValue()).toBe('Ringde Järva och Rinkeby');
    expect(await page.locator(`#progress-${actionId}-progressPercent`).inputValue()).toBe('55');
    expect(await page.locator(`#progress-${actionId}-evidenceUrl1`).inputValue()).toBe('https://example.org/k.pdf');
    expect(await page.locator(`#progress-${actionId}-note`).isVisible()).toBe(true);
    // Not sent on its own: the user looks it over first. And given back once.
    expect(await notes()).not.toContain('Ringde Järva och Rinkeby');
    expect(await drafts()).toEqual([]);

    await Promise.all([page.waitForURL(/klart=/), page.locator(`#action-${actionId}`).getByRole('button', { name: 'Rapportera framsteg' }).click()]);
    expect(await notes()).toContain('Ringde Järva och Rinkeby');
    await page.reload();
    expect(await page.locator(`#progress-${actionId}-note`).inputValue()).toBe('');
  });

  it('brings a page asked for after the session ended back after signing in, and says why', async () => {
    await revokeSessionsOf('handlaggare.sfi@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}?asOf=2012-06-01`);
    await page.waitForURL(/\/logga-in\?/);
    expect(await page.getByRole('status').textContent()).toBe('Du har loggats ut eftersom sessionen gick ut. Logga in igen så kommer du tillbaka till sidan.');
    await page.getByLabel('E-postadress').fill('handlaggare.sfi@demo.local');
    await page.getByLabel('Lösenord').fill('demo-password');
    await Promise.all([page.waitForURL(new RegExp(`/rekommendationer/${r2}\\?asOf=2012-06-01$`)), page.getByRole('button', { name: 'Logga in' }).click()]);
  });

  it('gives a kept form to no one else who signs in on the same browser', async () => {
    await page.goto(`${base}/rekommendationer/${r2}`);
    await revokeSessionsOf('handlaggare.sfi@demo.local');
    await typeProgress('Handläggarens egen anteckning');
    await page.waitForURL(/\/logga-in\?/);
    expect(await drafts()).toHaveLength(1);
    await page.getByLabel('E-postadress').fill('chef.sfi@demo.local');
    await page.getByLabel('Lösenord').fill('demo-password');
    await Promise.all([page.waitForURL(new RegExp(`/rekommendationer/${r2}$`)), page.getByRole('button', { name: 'Logga in' }).click()]);
    expect(await page.locator('body').textContent()).not.toContain('Handläggarens egen anteckning');
    expect(await page.locator(`#progress-${actionId}-note`).inputValue()).toBe('');
    expect(await drafts()).toEqual([]);
  });

  it('keeps nothing a page elsewhere posted: without the ended session’s form token there is no draft, and never an open redirect', async () => {
    await revokeSessionsOf('chef.sfi@demo.local');
    const cookies = await browser.context.cookies(base);
    const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const post = (from: string) =>
      api(app)
        .post(`/rekommendationer/${r2}/atgarder/${actionId}/framsteg`)
        .set('Cookie', header)
        .type('form')
        .send({ _csrf: 'forged', _from: from, progressPercent: '10', note: 'Planterad text' })
        .expect(303);
    expect((await post('//evil.example/x')).headers.location).toBe('/logga-in');
    expect((await post(`/rekommendationer/${r2}`)).headers.location).toBe(`/logga-in?next=${encodeURIComponent(`/rekommendationer/${r2}`)}&orsak=session`);
    expect(await drafts()).toEqual([]);
  });
});
