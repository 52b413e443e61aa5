import { signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

/** Whether the page fits the window's width: nothing but a table's own scroll box may be wider. */
const fitsWidth = (page: BrowserApp['page']) => page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

/** A title is whatever its writer typed: an address, or a word longer than a phone is wide. */
const ADDRESS_TITLE = 'Se https://start.stockholm/aktuellt/nyheter/2012/sfi-uppfoljningsrapport-for-arbetsmarknadsnamnden';
const LONG_WORD = 'Arbetsmarknadsförvaltningensuppföljningsrapportsutkast'.repeat(4);

describe('titles with long words and addresses fit a phone and paper', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let id: string;

  beforeAll(async () => {
    // Inside T1's period: the action, added now without a note, is among those who have not reported.
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-04-10T08:00:00Z' }));
    const t = await demoTokens(app);
    const [review] = (await api(app).get('/api/v1/reviews').set(bearer(t.secretary)).expect(200)).body;
    const created = await api(app)
      .post('/api/v1/recommendations')
      .set(bearer(t.secretary))
      .send({ reviewId: review.id, code: 'L1', title: ADDRESS_TITLE, text: `Läs ${ADDRESS_TITLE.slice(3)} först.`, responsibleUnit: 'sfi' })
      .expect(201);
    id = created.body.id;
    await api(app).post(`/api/v1/recommendations/${id}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplanen' }).expect(200);
    await api(app)
      .post(`/api/v1/recommendations/${id}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: LONG_WORD, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' })
      .expect(201);
    await signIn(page, base, 'sekreterare@demo.local');
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('on a phone 375 px wide: the recommendation, the search results and who has not reported', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    for (const path of [`/rekommendationer/${id}`, `/sok?q=${encodeURIComponent('uppfoljningsrapport')}`, '/ej-rapporterat']) {
      await page.goto(`${base}${path}`);
      await expect(page.locator('body').textContent()).resolves.toContain(path === '/ej-rapporterat' ? LONG_WORD : 'uppfoljningsrapport');
      expect({ path, fits: await fitsWidth(page) }).toEqual({ path, fits: true });
    }
  });

  it('on paper: every column of who has not reported stays on the page', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      // An A4 page less its margins, in CSS pixels.
      await page.setViewportSize({ width: 680, height: 960 });
      for (const path of ['/ej-rapporterat', `/rekommendationer/${id}`]) {
        await page.goto(`${base}${path}`);
        expect({ path, fits: await fitsWidth(page) }).toEqual({ path, fits: true });
        if (path === '/ej-rapporterat') await expect(page.locator('table#missing-0 th[scope="row"]').allTextContents()).resolves.toContain(LONG_WORD);
      }
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('the HTML report on a phone: each action read row by row, its cells whole, nothing wider than the screen', async () => {
    const t = await demoTokens(app);
    const [cycle] = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary)).expect(200)).body;
    const made = await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId: cycle.id, milestoneKey: 'T1', language: 'sv', format: 'html' }).expect(201);
    const html = (await api(app).get(`/api/v1/reports/${made.body.id}/content`).set(bearer(t.secretary)).expect(200)).text;
    await page.setViewportSize({ width: 360, height: 740 });
    // As the downloaded file is opened: away from the app, whose pages allow no inline style.
    await page.goto('about:blank');
    await page.setContent(html);
    expect(await fitsWidth(page)).toBe(true);
    const status = page.locator('table.actions td[data-label="Status"]').first();
    await expect(status.evaluate((td) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(td).display)).resolves.toBe('block');
    // Named by its column, and on one line: "Status: Pågående", not a letter or two a line.
    await expect(status.evaluate((td) => (globalThis as unknown as { getComputedStyle(e: unknown, p: string): { content: string } }).getComputedStyle(td, "::before").content)).resolves.toBe('"Status: "');
    expect(await status.evaluate((td) => td.getBoundingClientRect().height)).toBeLessThan(40);
  });

  it('the event log: the verification’s hash fits a phone, and on paper every column stays on the page with the "Data" toggles left off; so do the users', async () => {
    await page.context().clearCookies();
    await signIn(page, base, 'revisor@demo.local');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}/logg/verifiera`);
    await expect(page.locator('code').first().textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    expect(await fitsWidth(page)).toBe(true);

    await page.emulateMedia({ media: 'print' });
    try {
      await page.setViewportSize({ width: 680, height: 960 });
      await page.goto(`${base}/logg`);
      expect(await fitsWidth(page)).toBe(true);
      await expect(page.locator('th[scope="col"]').last().textContent()).resolves.toBe('Motivering');
      expect(await page.locator('th[scope="col"]').last().evaluate((th) => th.getBoundingClientRect().right)).toBeLessThanOrEqual(680);
      await expect(page.locator('details').first().isVisible()).resolves.toBe(false);
      // The users' addresses break rather than push the last column off the paper.
      await page.goto(`${base}/anvandare`);
      expect(await fitsWidth(page)).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
