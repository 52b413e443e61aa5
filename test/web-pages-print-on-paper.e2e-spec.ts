import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

jest.setTimeout(60_000);

/** What a page says on paper: Chromium prints it to PDF with the print styles, pdftotext reads it back. */
async function printed(page: BrowserApp['page']): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-print-'));
  try {
    const pdf = join(dir, 'page.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4' }));
    return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pages on paper', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let r2: string;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    const t = await demoTokens(app);
    let actionId: string;
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-08-31' }, 'Nämnden biföll'));
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`)
      .set(bearer(t.sfiOfficer))
      .send({ progressPercent: 40, note: 'Första träffarna hållna', evidence: [{ title: 'Kartläggning', url: 'https://example.org/kartlaggning.pdf' }] })
      .expect(200);
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('a recommendation prints its content and history without the menu, the buttons or the forms, and an evidence link prints its address', async () => {
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    const onScreen = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    // What the screen has and paper must not: the menu, the sign-out button, a form's submit button.
    expect(onScreen).toContain('Granskningar');
    expect(onScreen).toContain('Logga ut');
    expect(onScreen).toContain('Rapportera framsteg');

    const paper = (await printed(page)).replace(/\s+/g, ' ');
    expect(paper).toContain('Uppsökande verksamhet');
    expect(paper).toContain('Uppsökande team i Järva');
    expect(paper).toContain('Nämnden biföll');
    expect(paper).toContain('https://example.org/kartlaggning.pdf');
    expect(paper).not.toContain('Logga ut');
    expect(paper).not.toContain('Granskningar');
    expect(paper).not.toContain('Rapportera framsteg');
    expect(paper).not.toContain('In English');
  });

  it('the list prints every recommendation of the page, the filter form left out', async () => {
    await page.goto(`${base}/rekommendationer`);
    const paper = (await printed(page)).replace(/\s+/g, ' ');
    // The table's narrow columns wrap titles over lines: each row is found by its code and first word.
    for (const row of ['R1 Dialog', 'R2 Uppsökande', 'R3 Dela', 'R4 Förbättra', 'R5 Synlig']) expect(paper).toContain(row);
    expect(paper).toContain('5 rekommendationer');
    expect(paper).not.toContain('Logga ut');
    expect(paper).not.toContain('Filtrera');
  });
});
