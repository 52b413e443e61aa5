import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { Clock } from '../src/kernel/clock';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction, login } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(90_000);

/** Each figure table's rows as [row header, …cells]. */
const tableRows = (page: BrowserApp['page'], id: string) =>
  page.locator(`section[aria-labelledby="${id}-heading"] table tbody tr`).evaluateAll((rows) =>
    rows.map((tr) => Array.from((tr as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('th, td'), (c) => (c.textContent ?? '').trim())),
  );

describe('the overview: a start page of charts, each with its figures in words and in a table', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-03-15T09:00:00Z' }));
    // An action due in T1 and one due in T2; then ten days after the T1 period ended, so the first is overdue.
    const t = await demoTokens(app);
    const { r2 } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-04-20' });
    await api(app).post(`/api/v1/recommendations/${r2}/actions`).set(bearer(t.sfiOfficer)).send({ title: 'Kvällskurser', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-06-15' }).expect(201);
    app.get(Clock).set('2012-05-10T08:00:00Z');
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('is where a secretary starts, with SVG charts named and described, the same figures in tables, and passes axe', async () => {
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/oversikt');
    expect(await page.locator('h1').textContent()).toBe('Översikt');

    for (const id of ['chart-status', 'chart-lights', 'chart-milestones', 'chart-overdue-units']) {
      const svg = page.locator(`svg#${id}`);
      await expect(svg.getAttribute('role')).resolves.toBe('img');
      await expect(svg.getAttribute('aria-labelledby')).resolves.toBe(`${id}-title ${id}-desc`);
      const desc = (await page.locator(`#${id}-desc`).textContent())!;
      // The words say each row's figures, and the table under the chart has the same ones.
      for (const [label, ...cells] of await tableRows(page, id)) {
        expect(desc).toContain(label);
        for (const cell of cells.slice(0, cells.length > 1 ? -1 : 1)) expect(desc).toContain(cell);
      }
    }
    await expectAccessible(page);
    expect(browser.cspViolations).toEqual([]);
  });

  it('counts what the API lists and lights what the report lights', async () => {
    const token = await login(app, 'sekreterare@demo.local');
    const list = (await api(app).get('/api/v1/recommendations').set(bearer(token)).expect(200)).body as Array<{ status: string }>;
    const statuses = await tableRows(page, 'chart-status');
    expect(statuses.reduce((sum, [, n]) => sum + Number(n), 0)).toBe(list.length);

    const cycleId = (await api(app).get('/api/v1/cycles').set(bearer(token))).body[0].id as string;
    const made = await api(app).post('/api/v1/reports').set(bearer(token)).send({ cycleId, milestoneKey: 'T1', language: 'sv', format: 'json', asOf: '2012-05-10' }).expect(201);
    const content = await api(app).get(`/api/v1/reports/${made.body.id}/content`).set(bearer(token)).expect(200);
    const report = (typeof content.body === 'object' && content.body.summary ? content.body : JSON.parse(content.text)) as { summary: { byTrafficLight: Array<{ label: string; count: number }> } };
    expect(await tableRows(page, 'chart-lights')).toEqual(report.summary.byTrafficLight.map((c) => [c.label, String(c.count)]));

    const milestones = await tableRows(page, 'chart-milestones');
    expect(milestones.map(([label]) => label.split(' ')[0])).toEqual(['T1', 'T2', 'VB']);
    // [label, klara, pågående, försenade, totalt]: the T1 action is late, the T2 one under way.
    expect(milestones[0].slice(1)).toEqual(['0', '0', '1', '1']);
    expect(milestones[1].slice(1)).toEqual(['0', '1', '0', '1']);
    // Units by the name the units table gives them, not their key.
    expect(await tableRows(page, 'chart-overdue-units')).toEqual([['sfi-avdelningen', '1']]);
  });

  it('fits a phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}/oversikt`);
    const overflow = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(360);
    const chartWidth = await page.locator('svg#chart-status').evaluate((svg) => (svg as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width);
    expect(chartWidth).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('prints the charts with their tables, the menu left out', async () => {
    await page.goto(`${base}/oversikt`);
    const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-overview-print-'));
    try {
      writeFileSync(join(dir, 'page.pdf'), await page.pdf({ format: 'A4' }));
      const paper = execFileSync('pdftotext', [join(dir, 'page.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const title of ['Rekommendationer per status', 'Trafikljus', 'Åtgärder per rapporttillfälle', 'Försenade åtgärder per enhet']) expect(paper).toContain(title);
      // The chart's own labels are text on paper too, as well as the table's.
      expect(paper).toContain('sfi-avdelningen 1');
      expect(paper).not.toContain('Logga ut');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is a click away for an officer, whose start page is still "Mina åtgärder"', async () => {
    await page.context().clearCookies();
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/mina-atgarder');
    await page.getByRole('link', { name: 'Översikt' }).click();
    await page.waitForURL(/\/oversikt$/);
    await expect(page.locator('#chart-status-title').textContent()).resolves.toBe('Rekommendationer per status');
  });

  it('speaks English when asked, in the charts too', async () => {
    await page.getByRole('button', { name: 'In English' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe('Overview');
    await expect(page.locator('#chart-overdue-units-title').textContent()).resolves.toBe('Overdue actions per unit');
    await expect(page.locator('#chart-overdue-units-desc').textContent()).resolves.toBe('Swedish for immigrants (sfi) department: 1');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.waitForLoadState('load');
  });
});
