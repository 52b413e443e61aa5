import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Clock } from '../src/kernel/clock';
import { expectAccessible, signIn, startBrowserApp, stopBrowserApp, type BrowserApp } from './support/browser';
import { api, bearer, demoTokens } from './support/test-app';

/**
 * Makes the README's pictures of the web UI, from a spring 2012 that follows
 * the Stockholm review, checking each page with axe on the way. In a normal
 * run the pictures go to a temporary folder; `UI_SCREENSHOTS=1 npx jest
 * test/web-screenshots` writes them into docs/.
 */
const DOCS = process.env.UI_SCREENSHOTS ? join(__dirname, '..', 'docs') : mkdtempSync(join(tmpdir(), 'uppfoljning-screens-'));

jest.setTimeout(120_000);

describe('screenshots of the web UI for the README', () => {
  let { db, app, base, browser, page } = {} as BrowserApp;
  let r2: string;
  let olleId: string;

  const shoot = async (name: string) => {
    await expectAccessible(page);
    const png = await page.screenshot({ path: join(DOCS, `${name}.png`), fullPage: true });
    // A PNG of a whole page, not an empty or error image.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  };

  beforeAll(async () => {
    mkdirSync(DOCS, { recursive: true });
    ({ db, app, base, browser, page } = await startBrowserApp({ APP_NOW: '2012-03-13T13:00:00Z' }));
    const clock = app.get(Clock);
    const t = await demoTokens(app);
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const id = (code: string) => list.body.find((r: { code: string }) => r.code === code).id as string;
    r2 = id('R2');
    const meeting = { body: 'Arbetsmarknadsnämnden', date: '2012-03-13', paragraph: '§ 12', diaryNumber: 'Dnr 1.5-123/2012' };
    for (const code of ['R1', 'R2', 'R3', 'R4']) {
      await api(app).post(`/api/v1/recommendations/${id(code)}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Nämnden beslutade att beakta rekommendationen i verksamhetsplanen 2012.', meeting }).expect(200);
    }
    await api(app).post(`/api/v1/recommendations/${id('R5')}/decision`).set(bearer(t.secretary)).send({ decision: 'deferred', reason: 'Strategin tas fram i samband med budgeten för 2013.', meeting }).expect(200);

    clock.set('2012-03-20T09:15:00Z');
    const add = async (code: string, token: string, title: string, unit: string, owner: string, dueDate: string) =>
      (await api(app).post(`/api/v1/recommendations/${id(code)}/actions`).set(bearer(token)).send({ title, responsibleUnit: unit, ownerEmail: owner, dueDate }).expect(201)).body.actions.at(-1).id as string;
    const team = await add('R2', t.sfiOfficer, 'Uppsökande team i Järva och Rinkeby', 'sfi', 'handlaggare.sfi@demo.local', '2012-08-31');
    const leaflet = await add('R2', t.sfiOfficer, 'Informationsmaterial om sfi på tio språk', 'sfi', 'handlaggare.sfi@demo.local', '2012-05-31');
    const exchange = await add('R3', t.sfiHead, 'Erfarenhetsutbyte med Göteborg och Malmö', 'sfi', 'chef.sfi@demo.local', '2012-10-31');
    const survey = await add('R4', t.sfiOfficer, 'Enkät till kursdeltagare efter avslutad kurs', 'sfi', 'handlaggare.sfi@demo.local', '2012-06-30');
    await add('R4', t.sfiOfficer, 'Rutin för uppföljning av kursutvärderingar', 'sfi', 'handlaggare.sfi@demo.local', '2012-06-05');
    await add('R1', t.utredningOfficer, 'Dialogmöten med stadsdelsförvaltningarna', 'utredning', 'handlaggare.utredning@demo.local', '2012-06-01');

    clock.set('2012-04-25T14:40:00Z');
    const progress = (code: string, actionId: string, token: string, progressPercent: number, note: string, evidence: { title: string; url: string }[] = []) =>
      api(app).post(`/api/v1/recommendations/${id(code)}/actions/${actionId}/progress`).set(bearer(token)).send({ progressPercent, note, evidence }).expect(200);
    await progress('R2', team, t.sfiOfficer, 40, 'Teamet har besökt Rinkeby och Tensta bibliotek och två föräldracaféer; 63 personer anmälde intresse för sfi.', [
      { title: 'Kartläggning av mötesplatser', url: 'https://example.org/sfi/kartlaggning-2012.pdf' },
    ]);
    await progress('R4', survey, t.sfiOfficer, 25, 'Enkäten är utformad tillsammans med två skolor; pilot i maj.');
    clock.set('2012-05-30T11:05:00Z');
    await api(app).post(`/api/v1/recommendations/${id('R2')}/actions/${leaflet}/complete`).set(bearer(t.sfiOfficer)).send({ note: 'Materialet finns på tio språk och delas ut via stadsdelarnas medborgarkontor.' }).expect(200);
    await api(app).post(`/api/v1/recommendations/${id('R2')}/actions/${leaflet}/approve`).set(bearer(t.sfiHead)).send({}).expect(200);
    clock.set('2012-06-08T07:50:00Z');
    await api(app).post(`/api/v1/recommendations/${id('R3')}/actions/${exchange}/reschedule`).set(bearer(t.sfiHead)).send({ dueDate: '2012-12-14', reason: 'Malmö kan ta emot oss först i november.' }).expect(200);
    await progress('R2', team, t.sfiHead, 55, 'Järva klart; Rinkeby återstår under juni.');
    clock.set('2012-06-12T09:00:00Z');
    // An admin's day: a new officer at sfi, made unit head a week later with the reason the history shows.
    const olle = await api(app).post('/api/v1/users').set(bearer(t.admin)).send({ email: 'olle.officer@demo.local', name: 'Olle Officer', role: 'officer', unit: 'sfi' }).expect(201);
    olleId = olle.body.id;
    await api(app).patch(`/api/v1/users/${olleId}`).set(bearer(t.admin)).send({ role: 'unit_head', reason: 'Ny chef för sfi-avdelningen från 1 juli' }).expect(200);
  });
  afterAll(async () => {
    await stopBrowserApp({ db, app, browser });
    if (!process.env.UI_SCREENSHOTS) rmSync(DOCS, { recursive: true, force: true });
  });

  it('takes the pictures', async () => {
    await page.goto(`${base}/logga-in`);
    await shoot('ui-sign-in-sv');
    await page.goto(`${base}/oppet`);
    await shoot('ui-public-sv');
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    await page.goto(`${base}/rekommendationer`);
    await shoot('ui-recommendations-sv');
    await page.goto(`${base}/rekommendationer/${r2}`);
    await shoot('ui-recommendation-timeline-sv');
    await page.goto(`${base}/mina-atgarder`);
    await shoot('ui-my-actions-sv');
    await page.goto(`${base}/rekommendationer/${r2}`);
    await page.getByText('Rapportera framsteg').first().click();
    await page.getByRole('button', { name: 'Rapportera framsteg' }).first().click();
    await page.locator('.action.is-overdue, .action').first().scrollIntoViewIfNeeded();
    await page.locator(`#action-${(await page.locator('article.action').first().getAttribute('id'))?.slice(7)}`).screenshot({ path: join(DOCS, 'ui-form-errors-sv.png') });
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await signIn(page, base, 'sekreterare@demo.local');
    await page.goto(`${base}/ej-rapporterat`);
    await shoot('ui-not-reported-sv');
    await page.goto(`${base}/rapporter`);
    await shoot('ui-reports-sv');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await signIn(page, base, 'revisor@demo.local');
    await page.goto(`${base}/rekommendationer`);
    await page.getByRole('button', { name: 'In English' }).click();
    await page.waitForLoadState('load');
    await shoot('ui-recommendations-en');
    await page.goto(`${base}/logg/verifiera?from=2012-03-20`);
    await shoot('ui-audit-log-en');
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.waitForLoadState('load');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await signIn(page, base, 'admin@demo.local');
    await page.goto(`${base}/anvandare`);
    await shoot('ui-users-sv');
    await page.goto(`${base}/anvandare/${olleId}`);
    await shoot('ui-user-sv');
    await page.goto(`${base}/enheter`);
    await shoot('ui-units-sv');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.goto(`${base}/losenord/glomt`);
    await shoot('ui-password-forgotten-sv');
  });

  it('takes the pictures of search and of the list sorted by a column', async () => {
    await signIn(page, base, 'handlaggare.utredning@demo.local');
    await page.getByRole('search').getByLabel('Sök bland rekommendationer, åtgärder och anteckningar').fill('Rinkeby');
    await Promise.all([page.waitForURL(/\/sok\?q=Rinkeby/), page.getByRole('search').getByRole('button', { name: 'Sök' }).click()]);
    await shoot('ui-search-sv');
    await page.goto(`${base}/rekommendationer?sort=-overdueActionCount`);
    await shoot('ui-recommendations-sorted-sv');
    await page.getByRole('button', { name: 'Logga ut' }).click();
  });

  it('takes the picture of an import preview, each row with its errors beside it', async () => {
    await signIn(page, base, 'sekreterare@demo.local');
    const reviewId = (await api(app).get('/api/v1/reviews').set(bearer(await demoTokens(app).then((t) => t.secretary))).expect(200)).body[0].id as string;
    const file = join(mkdtempSync(join(tmpdir(), 'uppfoljning-import-')), 'nya-rekommendationer.csv');
    const rows = [
      'code;title;text;responsibleUnit',
      'R6;Språkombud på arbetsplatserna;Utbilda språkombud som stöttar kollegor med svenska som andraspråk.;sfi',
      'R7;Uppföljning per termin;Följ upp deltagarnas resultat varje termin.;arbetsmarknad',
      'R1;Dialog med arbetsgivare;Samma kod som en rekommendation som redan finns.;utredning',
    ];
    writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);
    await page.goto(`${base}/granskningar/${reviewId}/importera`);
    await page.getByLabel('Fil', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.locator('#import-errors').waitFor();
    await shoot('ui-import-preview-sv');
    rmSync(dirname(file), { recursive: true, force: true });
    await page.getByRole('button', { name: 'Logga ut' }).click();
  });

  it('takes the picture of the overview, the start page of a secretary', async () => {
    // Signing in leads a secretary to the overview.
    await signIn(page, base, 'sekreterare@demo.local');
    await page.waitForURL(/\/oversikt$/);
    await shoot('ui-overview-sv');
    await page.getByRole('button', { name: 'Logga ut' }).click();
  });

  it('takes the picture of an action with its files and its comment thread', async () => {
    const t = await demoTokens(app);
    const rec = (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.secretary)).expect(200)).body;
    const team = rec.actions.find((a: { title: string }) => a.title.startsWith('Uppsökande team')).id as string;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n'), Buffer.alloc(180_000, 0x20), Buffer.from('\ntrailer <<>>\n%%EOF\n')]);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${team}/attachments`).set(bearer(t.sfiOfficer)).attach('file', pdf, 'Protokoll föräldracafé Rinkeby 2012-04-24.pdf').expect(201);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${team}/attachments`).set(bearer(t.sfiOfficer)).attach('file', Buffer.from('namn;stadsdel\nAmina;Rinkeby\nJonas;Tensta\n'), 'närvarolista.csv').expect(201);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${team}/comments`).set(bearer(t.secretary)).send({ text: 'Finns det en närvarolista från Tensta också? Nämnden frågade efter den.' }).expect(201);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${team}/comments`).set(bearer(t.sfiOfficer)).send({ text: 'Ja, den kommer med nästa rapport i juni.' }).expect(201);
    await signIn(page, base, 'handlaggare.sfi@demo.local');
    await page.goto(`${base}/rekommendationer/${r2}`);
    await page.locator(`#files-${team}`).getByText('Bifoga en fil', { exact: true }).click();
    await expectAccessible(page);
    await page.locator(`#action-${team}`).screenshot({ path: join(DOCS, 'ui-action-files-and-comments-sv.png') });
    await page.getByRole('button', { name: 'Logga ut' }).click();
  });
});
