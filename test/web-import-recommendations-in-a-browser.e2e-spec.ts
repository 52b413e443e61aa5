import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens } from './support/test-app';
import { WebClient } from './support/web-client';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(60_000);

const fitsWidth = (page: BrowserApp['page']) => page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

const csv = (lines: string[][]) => '\uFEFF' + lines.map((cells) => cells.join(';')).join('\r\n') + '\r\n';

describe('a secretary imports a review’s recommendations from a file in a browser, previewing each row first', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let reviewId: string;
  let dir: string;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-04-10T08:00:00Z' }));
    const t = await demoTokens(app);
    reviewId = (
      await api(app)
        .post('/api/v1/reviews')
        .set(bearer(t.secretary))
        .send({ title: 'Granskning av samhällsorienteringen', reviewer: 'Revisorerna', reviewedOn: '2012-03-01', committee: 'Arbetsmarknadsnämnden' })
        .expect(201)
    ).body.id;
    dir = mkdtempSync(join(tmpdir(), 'import-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await stopBrowserApp({ db, app, browser });
  });

  it('a file with a bad row is shown with the row’s error next to it and cannot be imported; the corrected file is', async () => {
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(`${base}/granskningar/${reviewId}`);
    await page.getByRole('link', { name: 'Importera rekommendationer' }).click();
    await expectAccessible(page);

    const header = ['code', 'title', 'text', 'responsibleUnit'];
    const bad = join(dir, 'med-fel.csv');
    writeFileSync(bad, csv([header, ['SO1', 'Fler språkombud', 'Utbilda fler språkombud.', 'sfi'], ['SO2', 'Uppföljning per termin', 'Följ upp varje termin.', 'okand-enhet']]));
    await page.getByLabel('Fil', { exact: true }).setInputFiles(bad);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await expect(page.locator('#import-errors').textContent()).resolves.toContain('1 rad har fel');
    const row3 = page.locator('tr', { hasText: 'SO2' });
    await expect(row3.textContent()).resolves.toContain('responsibleUnit: Det finns ingen aktiv enhet med den koden.');
    expect(await page.getByRole('button', { name: 'Importera' }).count()).toBe(0);
    await expectAccessible(page);

    const good = join(dir, 'rattad.csv');
    writeFileSync(good, csv([header, ['SO1', 'Fler språkombud', 'Utbilda fler språkombud.', 'sfi'], ['SO2', 'Uppföljning per termin', 'Följ upp varje termin.', 'utredning']]));
    await page.getByLabel('Fil', { exact: true }).setInputFiles(good);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Alla rader är giltiga.' }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '2 rekommendationer importerades.' }).count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Granskning av samhällsorienteringen' }).first().click();
    await expect(page.locator('table').textContent()).resolves.toContain('Fler språkombud');
  });

  it('the lists and the event log download as Excel or CSV, and the import page fits a phone', async () => {
    await page.goto(`${base}/rekommendationer?reviewId=${reviewId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner som Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('rekommendationer.xlsx');
    const saved = join(dir, 'lista.xlsx');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
    // The other links' files, fetched with the page's session (Chromium holds back a site's further downloads). The reports page has them once there are reports.
    for (const [path, link, name] of [['/anvandare', 'Ladda ner som CSV', 'anvandare.csv'], ['/logg', 'Ladda ner som Excel', 'audit-events.xlsx']]) {
      await page.goto(`${base}${path}`);
      await expectAccessible(page);
      const file = await page.request.get(`${base}${await page.getByRole('link', { name: link }).getAttribute('href')}`);
      expect({ path, status: file.status(), disposition: file.headers()['content-disposition'] }).toEqual({ path, status: 200, disposition: `attachment; filename="${name}"` });
    }

    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}/granskningar/${reviewId}/importera`);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
  });

  it('a file it cannot read, or one missing a column, is refused in the user’s language, naming what is wrong', async () => {
    const web = await WebClient.signIn(app, 'sekreterare@demo.local');
    const form = `/granskningar/${reviewId}/importera`;
    const upload = (name: string, bytes: Buffer) => web.postByHand(form, form, (req, csrf) => req.field('_csrf', csrf).attach('file', bytes, name));
    const binary = await upload('lista.csv', Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x00, 0x42]));
    expect(binary.status).toBe(415);
    expect(binary.html).toContain('Filen gick inte att läsa. Välj en Excel-fil (.xlsx) eller en CSV-fil i UTF-8 med semikolon som skiljetecken.');
    expect(binary.html).not.toContain('neither an .xlsx');
    const noUnit = await upload('lista.csv', Buffer.from(csv([['code', 'title', 'text'], ['S1', 'Rubrik', 'Text']])));
    expect(noUnit.status).toBe(400);
    expect(noUnit.html).toContain('Filen saknar kolumnen responsibleUnit i rubrikraden.');
  });

  it('an officer may not import', async () => {
    await page.context().clearCookies();
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    const res = await page.goto(`${base}/granskningar/${reviewId}/importera`);
    expect(res?.status()).toBe(403);
  });
});
