import type { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { api, bearer, binary, demoTokens, startApp, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

type Tokens = Awaited<ReturnType<typeof demoTokens>>;
interface Summary {
  id: string;
  reviewId: string;
  code: string;
  title: string;
  responsibleUnit: string;
}
interface ImportAnswer {
  rows: Array<{ row: number; ok: boolean; errors: Array<{ field: string; message: string }>; unchanged?: true }>;
  applied: boolean;
}

/** One part of a workbook as `unzip` reads it, as a user would check it. */
function unzipped(bytes: Buffer, part: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
  try {
    writeFileSync(join(dir, 'file.xlsx'), bytes);
    return execFileSync('unzip', ['-p', join(dir, 'file.xlsx'), part], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sheet's rows as text: each `<row>`'s inline strings and numbers, in order. */
const sheetRows = (xml: string): string[][] =>
  [...xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)].map((row) =>
    [...row[1].matchAll(/<c [^>]*?(?:\/>|>(.*?)<\/c>)/gs)].map((cell) => {
      const inner = cell[1] ?? '';
      const text = /<t[^>]*>(.*?)<\/t>/s.exec(inner)?.[1] ?? /<v>(.*?)<\/v>/s.exec(inner)?.[1] ?? '';
      return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    }),
  );

const csvFile = (lines: string[][]): Buffer => Buffer.from('\uFEFF' + lines.map((cells) => cells.map((c) => (/[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n') + '\r\n');

describe('Excel out and in: every list and the audit log as .xlsx and ;-separated CSV, recommendations imported all or none', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let t: Tokens;
  let seedReview: string;

  const newReview = async (title: string): Promise<string> =>
    (await api(app).post('/api/v1/reviews').set(bearer(t.secretary)).send({ title, reviewer: 'Revisorerna', reviewedOn: '2012-03-01', committee: 'Arbetsmarknadsnämnden' }).expect(201)).body.id;
  const list = async (reviewId: string): Promise<Summary[]> => (await api(app).get(`/api/v1/recommendations?reviewId=${reviewId}`).set(bearer(t.secretary)).expect(200)).body;
  const importFile = (file: Buffer, name: string, query: string, token = t.secretary) =>
    api(app).post(`/api/v1/imports?${query}`).set(bearer(token)).attach('file', file, name);

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db);
    t = await demoTokens(app);
    seedReview = (await api(app).get('/api/v1/reviews').set(bearer(t.secretary)).expect(200)).body[0].id;
    // A title a spreadsheet would take for a formula.
    await api(app)
      .post('/api/v1/recommendations')
      .set(bearer(t.secretary))
      .send({ reviewId: seedReview, code: 'R6', title: '=HYPERLINK("http://example.com","klicka")', text: 'Text; med semikolon\noch en ny rad', responsibleUnit: 'sfi' })
      .expect(201);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('given format=xlsx, then the list comes as a workbook whose sheet, read with unzip, holds the same rows under the API field names', async () => {
    const json: Summary[] = (await api(app).get('/api/v1/recommendations').set(bearer(t.auditor)).expect(200)).body;
    const res = await api(app).get('/api/v1/recommendations?format=xlsx').set(bearer(t.auditor)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="recommendations.xlsx"');
    expect(res.headers['x-total-count']).toBe(String(json.length));
    const rows = sheetRows(unzipped(res.body as Buffer, 'xl/worksheets/sheet1.xml'));
    expect(rows[0].slice(0, 8)).toEqual(['reviewId', 'code', 'title', 'text', 'textEn', 'responsibleUnit', 'id', 'status']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[5], r[6]])).toEqual(json.map((s) => [s.reviewId, s.code, s.title, s.responsibleUnit, s.id]));
    // A would-be formula is a string cell in the workbook, never a formula.
    expect(unzipped(res.body as Buffer, 'xl/worksheets/sheet1.xml')).not.toContain('<f>');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getRow(2).getCell(2).value).toBe(json[0].code);
  });

  it('given format=csv, then the list is ;-separated UTF-8 with a BOM and CRLF, and a formula cell is neutralised with an apostrophe', async () => {
    const res = await api(app).get(`/api/v1/recommendations?reviewId=${seedReview}&format=csv`).set(bearer(t.secretary)).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="recommendations.csv"');
    expect(res.text.startsWith('\uFEFFreviewId;code;title;text;textEn;responsibleUnit;id;status;')).toBe(true);
    expect(res.text.endsWith('\r\n')).toBe(true);
    expect(res.text).toContain(`;R6;"'=HYPERLINK(""http://example.com"",""klicka"")";"Text; med semikolon\noch en ny rad";;sfi;`);
  });

  it('given a limit or an order, then the file is that page in that order, with X-Next-After as the JSON has it', async () => {
    const res = await api(app).get('/api/v1/recommendations?limit=2&format=csv').set(bearer(t.secretary)).expect(200);
    expect(res.text.trimEnd().split('\r\n')).toHaveLength(3);
    expect(res.headers['x-next-after']).toBeDefined();
    expect(res.headers['x-total-count']).toBe('6');
    const sorted = await api(app).get(`/api/v1/recommendations?reviewId=${seedReview}&sort=-code&format=csv`).set(bearer(t.secretary)).expect(200);
    expect(sorted.text.split('\r\n')[1].split(';')[1]).toBe('R6');
  });

  it('given format on the users, reminders and reports lists, then each comes as a file with the JSON fields as columns', async () => {
    const users = (await api(app).get('/api/v1/users?limit=1000').set(bearer(t.admin)).expect(200)).body as Array<{ email: string }>;
    const xlsx = await api(app).get('/api/v1/users?format=xlsx').set(bearer(t.admin)).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="users.xlsx"');
    const rows = sheetRows(unzipped(xlsx.body as Buffer, 'xl/worksheets/sheet1.xml'));
    const emailColumn = rows[0].indexOf('email');
    expect(rows.slice(1).map((r) => r[emailColumn])).toEqual(users.map((u) => u.email));
    const page = await api(app).get('/api/v1/users?format=csv&limit=2').set(bearer(t.admin)).expect(200);
    expect(page.text.trimEnd().split('\r\n')).toHaveLength(3);
    expect(page.headers['x-next-after']).toBeDefined();
    const reminders = await api(app).get('/api/v1/reminders?format=csv').set(bearer(t.secretary)).expect(200);
    expect(reminders.headers['content-disposition']).toBe('attachment; filename="reminders.csv"');
    expect(reminders.text.startsWith('\uFEFF')).toBe(true);
    const reports = await api(app).get('/api/v1/reports?format=xlsx').set(bearer(t.auditor)).buffer(true).parse(binary).expect(200);
    expect(reports.headers['content-disposition']).toBe('attachment; filename="reports.xlsx"');
    await api(app).get('/api/v1/reports?format=pdf').set(bearer(t.auditor)).expect(400);
  });

  it('given format on the reviews list, then it comes as a file in the list\'s order and filter, and the reviews page links to it', async () => {
    const json = (await api(app).get('/api/v1/reviews?sort=-title').set(bearer(t.sfiOfficer)).expect(200)).body as Array<{ id: string; title: string }>;
    const xlsx = await api(app).get('/api/v1/reviews?sort=-title&format=xlsx').set(bearer(t.sfiOfficer)).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="reviews.xlsx"');
    const rows = sheetRows(unzipped(xlsx.body as Buffer, 'xl/worksheets/sheet1.xml'));
    expect(rows[0]).toEqual(expect.arrayContaining(['id', 'title', 'reviewer', 'reviewedOn', 'committee', 'recommendationCount']));
    expect(rows.slice(1).map((r) => r[rows[0].indexOf('title')])).toEqual(json.map((r) => r.title));
    const csv = await api(app).get(`/api/v1/reviews?title=${encodeURIComponent(json[0].title)}&format=csv`).set(bearer(t.sfiOfficer)).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain(json[0].id);
    await api(app).get('/api/v1/reviews?format=pdf').set(bearer(t.sfiOfficer)).expect(400);
    const web = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    const page = await web.get('/granskningar?sort=-title');
    expect(page.html).toContain('href="/export/granskningar?sort=-title&amp;format=xlsx"');
    expect(page.html).toContain('Ladda ner som CSV');
    const file = await web.get('/export/granskningar?sort=-title&format=csv');
    expect(file.status).toBe(200);
    expect(file.html.split('\r\n')[1]).toContain(json[0].id);
  });

  it('given the audit log as CSV, then it splits by ; with a BOM, and as xlsx it holds every event', async () => {
    const csv = await api(app).get('/api/v1/audit/events?format=csv&limit=10000').set(bearer(t.auditor)).expect(200);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('\uFEFFposition;streamId;version;type;occurredAt;actorId;actorEmail;actorName;actorRole;reason;data');
    expect(lines[1].split(';').slice(0, 4)).toEqual(['1', expect.any(String), '1', expect.any(String)]);
    const events = lines.filter((l) => /^\d+;/.test(l)).length;
    const xlsx = await api(app).get('/api/v1/audit/events?format=xlsx').set(bearer(t.auditor)).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="audit-events.xlsx"');
    const rows = sheetRows(unzipped(xlsx.body as Buffer, 'xl/worksheets/sheet1.xml'));
    expect(rows[0][0]).toBe('position');
    expect(rows.length - 1).toBe(events);
    await api(app).get('/api/v1/audit/events?format=xlsx').set(bearer(t.sfiOfficer)).expect(403);
  });

  it('given a file with one bad row, then nothing is written and the answer names the row and the field; the corrected file is applied', async () => {
    const review = await newReview('Granskning av språkintroduktion');
    const header = ['reviewId', 'code', 'title', 'text', 'textEn', 'responsibleUnit'];
    const good1 = [review, 'S1', 'Samordna insatserna', 'Förvaltningen bör samordna.', 'Coordinate.', 'sfi'];
    const good2 = [review, 'S2', 'Följ upp resultaten', 'Följ upp varje termin.', '', 'utredning'];
    const bad = await importFile(csvFile([header, good1, [review, 'S2', 'Följ upp resultaten', 'Följ upp varje termin.', '', 'ingen-sadan-enhet']]), 'rekommendationer.csv', 'dryRun=false').expect(200);
    const answer = bad.body as ImportAnswer;
    expect(answer.applied).toBe(false);
    expect(answer.rows).toEqual([
      { row: 2, ok: true, errors: [] },
      { row: 3, ok: false, errors: [{ field: 'responsibleUnit', message: expect.stringContaining('must be one of') }] },
    ]);
    expect(await list(review)).toEqual([]);

    const dry = await importFile(csvFile([header, good1, good2]), 'rekommendationer.csv', 'dryRun=true').expect(200);
    expect(dry.body).toEqual({ rows: [{ row: 2, ok: true, errors: [] }, { row: 3, ok: true, errors: [] }], applied: false });
    expect(await list(review)).toEqual([]);

    const applied = await importFile(csvFile([header, good1, good2]), 'rekommendationer.csv', 'dryRun=false').expect(200);
    expect(applied.body.applied).toBe(true);
    expect((await list(review)).map((r) => [r.code, r.title, r.responsibleUnit])).toEqual([
      ['S1', 'Samordna insatserna', 'sfi'],
      ['S2', 'Följ upp resultaten', 'utredning'],
    ]);
    const detail = await api(app).get(`/api/v1/recommendations/${(await list(review))[0].id}/history`).set(bearer(t.auditor)).expect(200);
    expect(detail.body[0]).toMatchObject({ type: 'RecommendationRegistered', actor: { email: 'sekreterare@demo.local' } });
  });

  it('given a code twice in the file, a code the review has, a missing title and a bad code, then each row says so', async () => {
    const review = await newReview('Granskning med dubbletter');
    await api(app).post('/api/v1/recommendations').set(bearer(t.secretary)).send({ reviewId: review, code: 'D1', title: 'Finns', text: 'Finns redan', responsibleUnit: 'sfi' }).expect(201);
    const header = ['code', 'title', 'text', 'responsibleUnit'];
    const res = await importFile(
      csvFile([header, ['D2', 'Ny', 'Ny text', 'sfi'], ['D2', 'Ny igen', 'Ny text', 'sfi'], ['D1', 'Annan', 'Annan text', 'sfi'], ['D3', '', 'Text', 'sfi'], ['D 4', 'Titel', 'Text', 'sfi']]),
      'r.csv',
      `dryRun=true&reviewId=${review}`,
    ).expect(200);
    const rows = (res.body as ImportAnswer).rows;
    expect(rows.map((r) => [r.row, r.ok, r.errors.map((e) => e.field)])).toEqual([
      [2, true, []],
      [3, false, ['code']],
      [4, false, ['code']],
      [5, false, ['title']],
      [6, false, ['code']],
    ]);
    expect(rows[1].errors[0].message).toContain('row 2');
  });

  it('given the export of a review, then it imports into a new review as the same recommendations, and back into its own review unchanged', async () => {
    const before = await list(seedReview);
    const exported = await api(app).get(`/api/v1/recommendations?reviewId=${seedReview}&format=xlsx`).set(bearer(t.secretary)).buffer(true).parse(binary).expect(200);
    const copy = await newReview('Kopia av MIXITIES');
    const res = await importFile(exported.body as Buffer, 'recommendations.xlsx', `dryRun=false&reviewId=${copy}`).expect(200);
    expect(res.body.applied).toBe(true);
    const details = async (reviewId: string) =>
      Promise.all(
        (await list(reviewId)).map(async (s) => {
          const d = (await api(app).get(`/api/v1/recommendations/${s.id}`).set(bearer(t.secretary)).expect(200)).body;
          return { code: d.code, title: d.title, text: d.text, textEn: d.textEn, responsibleUnit: d.responsibleUnit };
        }),
      );
    expect(await details(copy)).toEqual(await details(seedReview));

    const csv = await api(app).get(`/api/v1/recommendations?reviewId=${seedReview}&format=csv`).set(bearer(t.secretary)).buffer(true).parse(binary).expect(200);
    const back = await importFile(csv.body as Buffer, 'recommendations.csv', 'dryRun=false').expect(200);
    expect((back.body as ImportAnswer).rows.filter((r) => !(r.ok && r.unchanged))).toEqual([]);
    expect(await list(seedReview)).toEqual(before);
  });

  it('given rows with action columns, then each adds an action to its recommendation by the AddAction rules, all or none, and again unchanged', async () => {
    const review = await newReview('Granskning med handlingsplan');
    const recs = csvFile([
      ['code', 'title', 'text', 'responsibleUnit'],
      ['H1', 'Samverkan med arbetsgivare', 'Utveckla samverkan.', 'sfi'],
      ['H2', 'Uppföljning', 'Följ upp.', 'sfi'],
    ]);
    expect((await importFile(recs, 'r.csv', `dryRun=false&reviewId=${review}`).expect(200)).body.applied).toBe(true);
    const [h1] = await list(review);
    await api(app).post(`/api/v1/recommendations/${h1.id}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplanen' }).expect(200);
    const header = ['code', 'actionTitle', 'actionDescription', 'actionResponsibleUnit', 'actionOwnerEmail', 'actionDueDate'];
    const first = ['H1', 'Arbetsgivarträffar varje kvartal', 'Fyra träffar om året.', 'sfi', 'handlaggare.sfi@demo.local', '2099-06-30'];
    const bad = await importFile(
      csvFile([header, first, ['H2', 'Enkät', '', 'sfi', 'handlaggare.sfi@demo.local', '2099-06-30'], ['H1', 'Praktikplatser', '', 'sfi', 'handlaggare.utredning@demo.local', '2099-06-30'], ['H9', 'Okänd', '', 'sfi', 'handlaggare.sfi@demo.local', '2099-02-30']]),
      'atgarder.csv',
      `dryRun=false&reviewId=${review}`,
    ).expect(200);
    expect((bad.body as ImportAnswer).rows.map((r) => [r.row, r.ok, r.errors.map((e) => e.field)])).toEqual([
      [2, true, []],
      [3, false, ['code']],
      [4, false, ['actionOwnerEmail']],
      [5, false, ['actionDueDate']],
    ]);
    expect(bad.body.applied).toBe(false);
    const detail = async () => (await api(app).get(`/api/v1/recommendations/${h1.id}`).set(bearer(t.secretary)).expect(200)).body as { actions: Array<{ title: string; ownerEmail: string; dueDate: string; description: string | null }> };
    expect((await detail()).actions).toEqual([]);

    const good = csvFile([header, first, ['H1', 'Praktikplatser', '', 'sfi', 'handlaggare.sfi@demo.local', '2099-09-30']]);
    expect((await importFile(good, 'atgarder.csv', `dryRun=false&reviewId=${review}`).expect(200)).body.applied).toBe(true);
    expect((await detail()).actions.map((a) => [a.title, a.description, a.ownerEmail, a.dueDate])).toEqual([
      ['Arbetsgivarträffar varje kvartal', 'Fyra träffar om året.', 'handlaggare.sfi@demo.local', '2099-06-30'],
      ['Praktikplatser', null, 'handlaggare.sfi@demo.local', '2099-09-30'],
    ]);
    const again = await importFile(good, 'atgarder.csv', `dryRun=false&reviewId=${review}`).expect(200);
    expect((again.body as ImportAnswer).rows.every((r) => r.ok && r.unchanged)).toBe(true);
    expect((await detail()).actions).toHaveLength(2);
  });

  it('given files that are not spreadsheets, too big when unpacked, or from someone who may not import, then a 4xx and nothing else', async () => {
    await importFile(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0xff, 0xfe]), 'program.xlsx', 'dryRun=true').expect(415);
    await importFile(Buffer.from(zipSync({ 'hello.txt': Buffer.from('hej') })), 'archive.xlsx', 'dryRun=true').expect(415);
    // 120 MB of zeros in a zip of a few hundred kB.
    const bomb = Buffer.from(zipSync({ 'xl/workbook.xml': new Uint8Array(120 * 1024 * 1024) }, { level: 9 }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await importFile(bomb, 'bomb.xlsx', 'dryRun=true').expect(413);
    const noColumns = await importFile(csvFile([['kod', 'rubrik'], ['X', 'Y']]), 'r.csv', 'dryRun=true').expect(400);
    expect(noColumns.body.details.map((d: { field: string }) => d.field)).toEqual(['reviewId', 'code', 'title', 'text', 'responsibleUnit']);
    await api(app).post('/api/v1/imports?dryRun=true').set(bearer(t.secretary)).expect(400);
    await importFile(csvFile([['code'], ['X']]), 'r.csv', 'dryRun=true', t.sfiOfficer).expect(403);
    await importFile(csvFile([['code'], ['X']]), 'r.csv', 'dryRun=maybe').expect(400);
    // The service is still there.
    await api(app).get('/api/v1/health/live').expect(200);
  });
});
