import { dictionary } from '../src/web/i18n';
import { expectAccessible, headings, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

const EMAIL = /[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}/i;

/** Every string of a dictionary, functions left out. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Swedish UI words that differ from their English counterparts: none of these may be left on an English page. */
const english = new Set(strings(dictionary('en')));
const swedishOnly = new Set(strings(dictionary('sv')).filter((s) => !english.has(s) && s.length > 1));

describe('the public progress page, and the language switch', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let r2: string;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    const t = await demoTokens(app);
    let actionId: string;
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team, frågor till kontakt.jarva@stockholm.se', dueDate: '2012-08-31' }, 'Ja'));
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`)
      .set(bearer(t.sfiHead))
      .send({ progressPercent: 40, note: 'Ring Hanna på hanna@example.org', evidence: [{ title: 'Kartläggning', url: 'https://example.org/k.pdf' }] })
      .expect(200);
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('is linked from the sign-in page, in Swedish, and shows progress without anything staff typed, any email address or staff name', async () => {
    await page.goto(`${base}/logga-in`);
    await expectAccessible(page);
    await page.getByRole('link', { name: /Se hur staden följer upp/ }).click();
    await page.waitForURL(/\/oppet$/);
    await expectAccessible(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('h1').textContent()).toBe('Så följer staden upp rekommendationerna');
    const text = (await page.locator('body').textContent()) ?? '';
    // Nothing an officer typed is public until a secretary publishes a summary: the action is counted, not described.
    expect(text).not.toContain('Uppsökande team');
    expect(text).toContain('1 åtgärd är inte beskriven här ännu.');
    expect(text).toContain('40 %');
    expect(text).toContain('Pågående');
    expect(text).not.toMatch(EMAIL);
    for (const name of ['Hanna Handläggare', 'Sara Sekreterare', 'Chef', 'hanna@example.org', 'Ring Hanna']) expect(text).not.toContain(name);
    // The HTML as served, attributes included (the page itself now also holds axe-core's script).
    expect(await (await page.request.get(`${base}/oppet`)).text()).not.toMatch(EMAIL);
  });

  it('switches every heading and label to English, and remembers it across pages and signing in', async () => {
    await page.getByRole('button', { name: 'In English' }).click();
    await page.waitForURL(/\/oppet$/);
    await expectAccessible(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('How the city follows up the recommendations');

    const seen: Record<string, string[]> = {};
    const check = async () => {
      await expectAccessible(page);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      const found = (await headings(page)).map((h) => h.replace(/ \(required\)$| \(optional\)$/, ''));
      seen[new URL(page.url()).pathname] = found.filter((h) => swedishOnly.has(h));
    };
    await check();
    await signIn(page, base, 'chef.sfi@demo.local');
    for (const path of ['/rekommendationer', `/rekommendationer/${r2}`, '/mina-atgarder', '/granskningar', '/ej-rapporterat']) {
      await page.goto(`${base}${path}`);
      await check();
    }
    // Open every disclosure so the forms' labels are checked too.
    await page.goto(`${base}/rekommendationer/${r2}`);
    await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
    await check();
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, []])));
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Reported 40% progress on “Uppsökande team, frågor till kontakt.jarva@stockholm.se”.');

    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.waitForURL(new RegExp(`/rekommendationer/${r2}$`));
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('h2#timeline-heading').textContent()).toBe('Händelser');
  });
});
