import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

/** Whether the page fits the window's width: nothing but a table's own scroll box may be wider. */
const fitsWidth = (page: BrowserApp['page']) => page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

describe('an officer searches from the box on every page and sorts the list by its columns, on a desk and on a phone', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let r2: string;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-04-10T08:00:00Z' }));
    const t = await demoTokens(app);
    const given = await givenAcceptedR2WithAnAction(app, t, { title: 'Mentorer för nyanlända', dueDate: '2012-08-31' });
    r2 = given.r2;
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${given.actionId}/progress`)
      .set(bearer(t.sfiOfficer))
      .send({ progressPercent: 20, note: 'Alla deltagare har nu gått språkkurserna i Rinkeby.' })
      .expect(200);
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('types a word in the header’s search box and finds the note in another form of it, marked, with a link to its action', async () => {
    await signIn(page, base, 'handlaggare.utredning@demo.local');
    const box = page.getByRole('search').getByLabel('Sök bland rekommendationer, åtgärder och anteckningar');
    await box.fill('språkkurs');
    await Promise.all([page.waitForURL(/\/sok\?q=spr/), box.press('Enter')]);
    await expectAccessible(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('Sökresultat för ”språkkurs”');
    const note = page.locator('.search-results li[data-kind="note"]');
    await expect(note.locator('mark').textContent()).resolves.toBe('språkkurserna');
    await expect(note.textContent()).resolves.toContain('Anteckning');
    // The box keeps what was asked.
    await expect(page.locator('#site-search-q').inputValue()).resolves.toBe('språkkurs');
    await Promise.all([page.waitForURL(new RegExp(`/rekommendationer/${r2}#action-`)), note.getByRole('link').click()]);
    await expectAccessible(page);
  });

  it('says when nothing is found, and what to type when nothing was', async () => {
    await page.goto(`${base}/sok?q=${encodeURIComponent('zzzyxord')}`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Inget hittades för ”zzzyxord”');
    await expectAccessible(page);
    await page.goto(`${base}/sok`);
    await expectAccessible(page);
  });

  it('sorts the list by a column header, and again the other way, saying so to a screen reader', async () => {
    await page.goto(`${base}/rekommendationer`);
    const header = page.getByRole('columnheader', { name: /^Rekommendation/ });
    await expect(header.getAttribute('aria-sort')).resolves.toBe('none');
    await Promise.all([page.waitForURL(/sort=title/), header.getByRole('link').click()]);
    await expect(page.getByRole('columnheader', { name: /^Rekommendation/ }).getAttribute('aria-sort')).resolves.toBe('ascending');
    await expect(page.locator('tbody tr td:first-child').allTextContents()).resolves.toEqual(['R3', 'R1', 'R4', 'R5', 'R2']);
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/sort=-title/), page.getByRole('columnheader', { name: /^Rekommendation/ }).getByRole('link').click()]);
    await expect(page.getByRole('columnheader', { name: /^Rekommendation/ }).getAttribute('aria-sort')).resolves.toBe('descending');
    await expect(page.locator('tbody tr td:first-child').allTextContents()).resolves.toEqual(['R2', 'R5', 'R4', 'R1', 'R3']);
    await page.getByLabel(/^Ansvarig enhet \(del av namnet\)/).fill('SFI-avd');
    await Promise.all([page.waitForURL(/unit=SFI-avd/), page.getByRole('button', { name: 'Visa' }).click()]);
    await expect(page.locator('tbody tr td:first-child').allTextContents()).resolves.toEqual(['R2', 'R4', 'R3']);
    await expectAccessible(page);
  });

  it('the search box, the results and the sorted list fit a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`/sok?q=${encodeURIComponent('språkkurs')}`, '/rekommendationer?sort=-dueDate', '/mina-atgarder']) {
      await page.goto(`${base}${path}`);
      expect({ path, fits: await fitsWidth(page) }).toEqual({ path, fits: true });
      await expectAccessible(page);
    }
  });
});
