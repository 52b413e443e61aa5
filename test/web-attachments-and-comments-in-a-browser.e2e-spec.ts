import { createHash } from 'node:crypto';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction } from './support/test-app';

// Real browser round trips: well past Jest's 5 s default.
jest.setTimeout(120_000);

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n'), Buffer.alloc(2048, 0x20), Buffer.from('\ntrailer <<>>\n%%EOF\n')]);
const PROGRAM = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256, 0)]);

/** Issue #14 in Chromium: an officer attaches a protocol and downloads it, a renamed program is refused next to its field, a comment is written; axe on each. */
describe('attachments and comments on the recommendation page', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let r2: string;
  let actionId: string;
  let t: Awaited<ReturnType<typeof demoTokens>>;

  beforeAll(async () => {
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    t = await demoTokens(app);
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande möten i Rinkeby', dueDate: '2012-08-31' }));
  });
  afterAll(() => stopBrowserApp({ db, app, browser }));

  it('the officer attaches a PDF: listed on the action with its SHA-256, downloaded byte for byte, named in the history', async () => {
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    const article = page.locator(`#action-${actionId}`);
    await expect(article.locator(`#files-${actionId}`).textContent()).resolves.toContain('Inga bilagor ännu.');
    await article.getByText('Bifoga en fil', { exact: true }).click();
    await expectAccessible(page);
    await page.locator(`#files-${actionId} input[type=file]`).setInputFiles({ name: 'protokoll.pdf', mimeType: 'application/pdf', buffer: PDF });
    await Promise.all([page.waitForURL(/klart=attachmentAdded/), article.getByRole('button', { name: 'Bifoga' }).click()]);
    await expect(page.locator('main').textContent()).resolves.toContain('Filen är bifogad.');
    const hash = createHash('sha256').update(PDF).digest('hex');
    const files = page.locator(`#files-${actionId}`);
    await expect(files.textContent()).resolves.toContain(hash);
    const href = await files.getByRole('link', { name: 'protokoll.pdf' }).getAttribute('href');
    const download = await page.request.get(`${base}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toBe('attachment; filename=protokoll.pdf');
    expect(Buffer.compare(await download.body(), PDF)).toBe(0);
    await expect(page.locator('#timeline').textContent()).resolves.toContain(`Filen protokoll.pdf bifogades till åtgärden "Uppsökande möten i Rinkeby" (SHA-256 ${hash}).`);
    await expectAccessible(page);
  });

  it('a program renamed .pdf is refused with 415 and the reason next to the file field', async () => {
    const article = page.locator(`#action-${actionId}`);
    await article.getByText('Bifoga en fil', { exact: true }).click();
    await page.locator(`#files-${actionId} input[type=file]`).setInputFiles({ name: 'faktura.pdf', mimeType: 'application/pdf', buffer: PROGRAM });
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), article.getByRole('button', { name: 'Bifoga' }).click()]);
    expect(response.status()).toBe(415);
    await page.waitForLoadState();
    await expect(page.locator(`#action-${actionId}`).textContent()).resolves.toContain('Den här filtypen tas inte emot.');
    await expect(page.locator(`#files-${actionId} ul.files li`).count()).resolves.toBe(1);
    await expectAccessible(page);
  });

  it('a file over 25 MB is refused with 413 next to the field, a blank comment with 400 next to its own', async () => {
    await page.goto(`${base}/rekommendationer/${r2}`);
    const article = page.locator(`#action-${actionId}`);
    await article.getByText('Bifoga en fil', { exact: true }).click();
    await page.locator(`#files-${actionId} input[type=file]`).setInputFiles({ name: 'stor.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(26 * 1024 * 1024, 0x20) });
    const [big] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), article.getByRole('button', { name: 'Bifoga' }).click()]);
    expect(big.status()).toBe(413);
    await page.waitForLoadState();
    await expect(page.locator(`#files-${actionId}`).textContent()).resolves.toContain('Filen är större än 25 MB.');
    await expectAccessible(page);
    await page.goto(`${base}/rekommendationer/${r2}`);
    const thread = page.locator(`#comments-${actionId}`);
    await thread.getByLabel('Ny kommentar').fill('   ');
    const [blank] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), thread.getByRole('button', { name: 'Skicka kommentar' }).click()]);
    expect(blank.status()).toBe(400);
    await page.waitForLoadState();
    await expect(page.locator(`#comments-${actionId} [aria-invalid="true"]`).count()).resolves.toBe(1);
    await expectAccessible(page);
  });

  it('the officer writes a comment: in the thread and the history, not on the public page; the page fits a phone', async () => {
    await page.goto(`${base}/rekommendationer/${r2}`);
    const thread = page.locator(`#comments-${actionId}`);
    await thread.getByLabel('Ny kommentar').fill('Närvarolistan från mötet den 30 maj är bifogad.');
    await Promise.all([page.waitForURL(/klart=commentAdded/), thread.getByRole('button', { name: 'Skicka kommentar' }).click()]);
    await expect(page.locator(`#comments-${actionId}`).textContent()).resolves.toContain('Närvarolistan från mötet den 30 maj är bifogad.');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Kommentar på åtgärden "Uppsökande möten i Rinkeby".');
    await expectAccessible(page);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 900 });

    const publicPage = (await api(app).get('/oppet').expect(200)).text;
    expect(publicPage).not.toContain('Närvarolistan');
    expect(publicPage).not.toContain('protokoll.pdf');
  });

  it('a progress report carries a file: the note and the file are in, the file listed on the action', async () => {
    await page.goto(`${base}/rekommendationer/${r2}`);
    const article = page.locator(`#action-${actionId}`);
    await article.getByText('Rapportera framsteg').first().click();
    await article.getByLabel('Framsteg i procent (0–100)').fill('40');
    const attendance = { name: 'närvaro.csv', mimeType: 'text/csv', buffer: Buffer.from('namn;datum\nÅsa;2012-05-30\n') };
    // Sent without its note first: refused, and a browser cannot be given the file back, so it is asked for again.
    await article.getByLabel('Bifoga en fil (frivilligt)').setInputFiles(attendance);
    await article.getByRole('button', { name: 'Rapportera framsteg' }).click();
    await page.waitForLoadState();
    await expect(page.locator(`#progress-${actionId}-file-error`).textContent()).resolves.toContain('Inget sparades, inte heller filen närvaro.csv: välj den igen innan du skickar.');
    await expect(article.getByLabel('Framsteg i procent (0–100)').inputValue()).resolves.toBe('40');
    await article.getByLabel('Vad har gjorts?').fill('Första mötet hållet, närvarolistan bifogad.');
    await article.getByLabel('Bifoga en fil (frivilligt)').setInputFiles(attendance);
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/klart=progressReported/), article.getByRole('button', { name: 'Rapportera framsteg' }).click()]);
    await expect(page.locator(`#action-${actionId}`).textContent()).resolves.toContain('Första mötet hållet, närvarolistan bifogad.');
    await expect(page.locator(`#files-${actionId}`).getByRole('link', { name: 'närvaro.csv' }).count()).resolves.toBe(1);
    await expectAccessible(page);
  });

  it('the auditor reads the files and the thread but has neither form', async () => {
    await page.context().clearCookies();
    await signIn(page, base, 'revisor@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    await expect(page.locator(`#comments-${actionId}`).textContent()).resolves.toContain('Närvarolistan');
    await expect(page.locator(`#files-${actionId}`).getByRole('link', { name: 'protokoll.pdf' }).count()).resolves.toBe(1);
    await expect(page.getByText('Bifoga en fil', { exact: true }).count()).resolves.toBe(0);
    await expect(page.getByLabel('Ny kommentar').count()).resolves.toBe(0);
    await expectAccessible(page);
  });

  it('a cancelled action offers no file to attach (the rule refuses it), and still takes comments', async () => {
    const added = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Dubbelregistrerad', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' })
      .expect(201);
    const cancelled = added.body.actions.find((a: { title: string }) => a.title === 'Dubbelregistrerad').id;
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${cancelled}/cancel`).set(bearer(t.sfiOfficer)).send({ reason: 'Fanns redan' }).expect(200);
    await page.context().clearCookies();
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    const article = page.locator(`#action-${cancelled}`);
    await expect(article.getByText('Bifoga en fil', { exact: true }).count()).resolves.toBe(0);
    await expect(article.getByLabel('Ny kommentar').count()).resolves.toBe(1);
    await expect(page.locator(`#action-${actionId}`).getByText('Bifoga en fil', { exact: true }).count()).resolves.toBe(1);
    // A file of a few bytes is as big as it is, not "1 kB".
    await expect(page.locator(`#files-${actionId}`).textContent()).resolves.toContain(`${Buffer.byteLength('namn;datum\nÅsa;2012-05-30\n')} B`);
  });
});
