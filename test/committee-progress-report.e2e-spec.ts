import type { INestApplication } from '@nestjs/common';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Clock } from '../src/kernel/clock';
import type { AppConfig } from '../src/kernel/config';
import { APP_CONFIG } from '../src/kernel/kernel.module';
import { ReportMaker, type ReportWorkerError } from '../src/reports/generate-report/report-maker';
import { STALE_JOB_MS } from '../src/reports/report-jobs';
import { Database } from '../src/event-store/database';
import type { ReportScope } from '../src/reports/generate-report/report-scope';
import { api, bearer, binary, demoTokens, startApp, startDemoApp, stopDemoApp, TestDatabase, type DemoApp } from './support/test-app';

/** The seed's T1 report in Swedish, asked for over the API with the first cycle's id, answered with `status`. */
async function askForT1(app: INestApplication, token: string, format: string, status: number) {
  const cycleId = (await api(app).get('/api/v1/cycles').set(bearer(token))).body[0].id;
  return api(app).post('/api/v1/reports').set(bearer(token)).send({ cycleId, milestoneKey: 'T1', language: 'sv', format }).expect(status);
}

const meeting = { body: 'Arbetsmarknadsnämnden', date: '2012-03-20', paragraph: '§ 7', diaryNumber: 'Dnr 1.2-45/2012' };

describe('a secretary makes the T1 progress report for the committee', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let cycleId: string;
  let dir: string;

  const report = (body: Record<string, unknown>, token = t.secretary) =>
    api(app).post('/api/v1/reports').set(bearer(token)).send({ cycleId, milestoneKey: 'T1', language: 'sv', format: 'json', ...body });
  const content = async (id: string) => (await api(app).get(`/api/v1/reports/${id}/content`).set(bearer(t.secretary)).buffer(true).parse(binary).expect(200));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-e2e-'));
    db = await TestDatabase.create();
    app = await startApp(db, { APP_NOW: '2012-03-15T09:00:00Z' });
    t = await demoTokens(app);
    cycleId = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary))).body[0].id;
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const id = (code: string) => list.body.find((r: { code: string }) => r.code === code).id as string;
    await api(app).post(`/api/v1/recommendations/${id('R2')}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting }).expect(200);
    const added = await api(app)
      .post(`/api/v1/recommendations/${id('R2')}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Uppsökande team i Järva', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-04-20' })
      .expect(201);
    await api(app)
      .post(`/api/v1/recommendations/${id('R2')}/actions/${added.body.actions[0].id}/progress`)
      .set(bearer(t.sfiOfficer))
      .send({ progressPercent: 30, note: 'Möten med föreningar i Rinkeby – <script>alert(1)</script>', evidence: [{ title: 'Minnesanteckningar', url: 'https://example.org/rinkeby' }] })
      .expect(200);
    await api(app).post(`/api/v1/recommendations/${id('R5')}/decision`).set(bearer(t.secretary)).send({ decision: 'deferred', reason: 'Avvaktar stadens integrationsprogram', meeting }).expect(200);
    // The period ends on 30 April; the report is made in May.
    app.get(Clock).set('2012-05-10T08:00:00Z');
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('JSON: every recommendation, as of the period end, with its position and sha256', async () => {
    const made = await report({}).expect(201);
    expect(made.body).toMatchObject({ milestoneKey: 'T1', asOf: '2012-04-30T23:59:59.999Z', language: 'sv', format: 'json', createdBy: { email: 'sekreterare@demo.local' } });
    expect(made.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await content(made.body.id);
    expect(file.headers['content-disposition']).toBe('attachment; filename="uppfoljning-T1-2012-sv.json"');
    const model = JSON.parse(file.body.toString('utf8'));
    expect(JSON.stringify(model)).toContain('Tertialrapport 1');
    for (const code of ['R1', 'R2', 'R3', 'R4', 'R5']) expect(JSON.stringify(model)).toContain(`"${code}"`);
  });

  it('the same request later, after more events, gives the same bytes and sha256', async () => {
    const first = await report({ format: 'pdf' }).expect(201);
    const list = await api(app).get('/api/v1/recommendations?unit=utredning').set(bearer(t.secretary));
    await api(app).post(`/api/v1/recommendations/${list.body[0].id}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Senare beslut', meeting }).expect(200);
    app.get(Clock).advance(3600_000);
    const again = await report({ format: 'pdf' }).expect(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect(again.body.sha256).toBe(first.body.sha256);
    expect((await content(again.body.id)).body.equals((await content(first.body.id)).body)).toBe(true);
  });

  it('a milestone and a unit renamed afterwards change no report made again: it names them as they were at its asOf', async () => {
    const first = await report({ format: 'json' }).expect(201);
    const cycle = (await api(app).get(`/api/v1/cycles/${cycleId}`).set(bearer(t.secretary)).expect(200)).body;
    const renamed = cycle.milestones.map((m: { key: string; name: string }) => (m.key === 'T1' ? { ...m, name: 'Tertialrapport 1 (omdöpt)' } : m));
    await api(app)
      .put(`/api/v1/cycles/${cycleId}`)
      .set(bearer(t.admin))
      .send({ name: cycle.name, year: cycle.year, milestones: renamed, reminderDaysBefore: cycle.reminderDaysBefore })
      .expect(200);
    await api(app).patch('/api/v1/units/sfi').set(bearer(t.admin)).send({ name: 'Sfi-enheten (nytt namn)', reason: 'Omorganisation' }).expect(200);
    app.get(Clock).advance(3600_000);

    const again = await report({ format: 'json' }).expect(201);
    expect(again.body.position).toBe(first.body.position);
    expect(again.body.sha256).toBe(first.body.sha256);
    const model = (await content(again.body.id)).body.toString('utf8');
    expect(model).toContain('Tertialrapport 1');
    expect(model).not.toContain('omdöpt');
    expect(model).not.toContain('Sfi-enheten (nytt namn)');
    // A report as of now names them as they are now.
    const now = JSON.parse((await content((await report({ format: 'json', asOf: app.get(Clock).nowIso() }).expect(201)).body.id)).body.toString('utf8'));
    expect(JSON.stringify(now)).toContain('Tertialrapport 1 (omdöpt)');
    expect(JSON.stringify(now)).toContain('Sfi-enheten (nytt namn)');
  });

  it('PDF read by pdftotext: codes, Swedish characters and the progress note', async () => {
    const made = await report({ format: 'pdf' }).expect(201);
    const file = await content(made.body.id);
    expect(file.headers['content-type']).toBe('application/pdf');
    writeFileSync(join(dir, 'r.pdf'), file.body);
    // Table cells wrap, so words of one note may stand on several lines.
    const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const code of ['R1', 'R2', 'R3', 'R4', 'R5']) expect(text).toContain(code);
    expect(text).toContain('Uppsökande verksamhet');
    expect(text).toContain('Möten med föreningar i Rinkeby');
    // The summary's charts, drawn from the report's facts: their titles and bar labels are text in the PDF.
    expect(text).toContain('Trafikljus Röd');
    expect(text).toContain('Försenade åtgärder – ansvarig enhet');
  });

  it('HTML escapes user text; English has English headings', async () => {
    const sv = await content((await report({ format: 'html' }).expect(201)).body.id);
    expect(sv.body.toString('utf8')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sv.body.toString('utf8')).not.toContain('<script>alert(1)');
    const en = await content((await report({ format: 'html', language: 'en' }).expect(201)).body.id);
    const html = en.body.toString('utf8');
    expect(html).toContain('lang="en"');
    expect(html).toContain('Follow-up of recommendations');
    expect(en.headers['content-disposition']).toContain('-en.html');
  });

  it('CSV opens with a BOM and parses, DOCX unzips with the codes in it', async () => {
    const csv = await content((await report({ format: 'csv' }).expect(201)).body.id);
    expect(csv.body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const rows = parse(csv.body.toString('utf8').slice(1), { delimiter: ';', relax_column_count: true }) as string[][];
    expect(rows.flat().join(' ')).toContain('Uppsökande team i Järva');
    const docx = await content((await report({ format: 'docx' }).expect(201)).body.id);
    writeFileSync(join(dir, 'r.docx'), docx.body);
    const xml = execFileSync('unzip', ['-p', join(dir, 'r.docx'), 'word/document.xml'], { encoding: 'utf8' });
    for (const code of ['R1', 'R2', 'R5']) expect(xml).toContain(code);
    expect(xml).toContain('Förbättra uppföljning av kurserna');
    // The charts as bars of shaded cells, with their figures in words.
    expect(xml).toContain('Försenade åtgärder – ansvarig enhet');
    expect(xml).toMatch(/w:fill="0B57A4"/);
    expect(xml).toMatch(/<w:t[^>]*>[^<]*Pågående: \d/);
  });

  it('is listed, and who made it is an event', async () => {
    const list = await api(app).get('/api/v1/reports').set(bearer(t.auditor)).expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(6);
    const events = await api(app).get('/api/v1/audit/events?type=ReportGenerated&limit=1000').set(bearer(t.auditor)).expect(200);
    expect(events.body.length).toBe(list.body.length);
    expect(events.body[0].actor.email).toBe('sekreterare@demo.local');
  });

  it('officers get 403; an unknown milestone or format is a 400 that says so', async () => {
    await report({}, t.sfiOfficer).expect(403);
    const badMilestone = await report({ milestoneKey: 'T9' }).expect(400);
    expect(badMilestone.body.details[0]).toMatchObject({ field: 'milestoneKey' });
    const badFormat = await report({ format: 'odt' }).expect(400);
    expect(badFormat.body.details[0]).toMatchObject({ field: 'format' });
    await api(app).get('/api/v1/reports/00000000-0000-4000-8000-000000000000').set(bearer(t.secretary)).expect(404);
  });

  it('the same Idempotency-Key makes one report: the repeat answers with the first, the key with another body is a 409', async () => {
    const count = async () => (await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(200)).body.length as number;
    const before = await count();
    const first = await report({ format: 'csv' }).set('Idempotency-Key', 'rapport-t1-csv').expect(201);
    const again = await report({ format: 'csv' }).set('Idempotency-Key', 'rapport-t1-csv').expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(`/api/v1/reports/${first.body.id}`);
    await report({ format: 'html' }).set('Idempotency-Key', 'rapport-t1-csv').expect(409);
    expect(await count()).toBe(before + 1);
    const events = await api(app).get('/api/v1/audit/events?type=ReportGenerated&limit=1000').set(bearer(t.auditor)).expect(200);
    expect(events.body.length).toBe(before + 1);
  });
});

describe('a big report is made as a job the client polls', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let cycleId: string;

  const report = (body: Record<string, unknown> = {}) =>
    api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId, milestoneKey: 'T1', language: 'sv', format: 'pdf', ...body });
  const poll = (location: string) => api(app).get(location).set(bearer(t.auditor)).expect(200);
  /** Polls a job as a client would, keeping every progress figure it saw, until it is done or failed. */
  async function untilFinished(location: string): Promise<{ job: Record<string, any>; seen: number[] }> {
    const seen: number[] = [];
    for (;;) {
      const { body } = await poll(location);
      seen.push(body.progressPercent);
      if (body.status === 'done' || body.status === 'failed') return { job: body, seen };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { APP_NOW: '2012-05-10T08:00:00Z' });
    t = await demoTokens(app);
    cycleId = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary))).body[0].id;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('Prefer: respond-async answers 202 with a job to poll; its progress only rises, and at 100 it links the same report a 201 gives', async () => {
    const started = await report().set('Prefer', 'respond-async').expect(202);
    expect(started.headers['preference-applied']).toBe('respond-async');
    expect(started.headers.location).toBe(`/api/v1/reports/jobs/${started.body.id}`);
    expect(started.body).toMatchObject({ status: expect.stringMatching(/^(queued|running)$/), request: { cycleId, milestoneKey: 'T1', format: 'pdf' }, report: null, failure: null });
    const { job, seen } = await untilFinished(started.headers.location);
    expect(job).toMatchObject({ status: 'done', progressPercent: 100, failure: null, createdBy: { email: 'sekreterare@demo.local' } });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(job.report).toMatchObject({ milestoneKey: 'T1', asOf: '2012-04-30T23:59:59.999Z', format: 'pdf', fileName: 'uppfoljning-T1-2012-sv.pdf' });
    const file = await api(app).get(`/api/v1/reports/${job.report.id}/content`).set(bearer(t.secretary)).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const waited = await report().expect(201);
    expect(waited.body.sha256).toBe(job.report.sha256);
  });

  it('a job whose server stopped is failed at the next poll once two minutes pass without its heartbeat, saying why; one touched within them is not', async () => {
    const started = await report({ format: 'csv' }).set('Prefer', 'respond-async').expect(202);
    await untilFinished(started.headers.location);
    // The row as a server killed after its 202 leaves it: queued, touched for the last time some while ago.
    const leftBehind = (msAgo: number) =>
      app.get(Database).write((tx) =>
        tx.query(`UPDATE report_jobs SET status = 'queued', progress = 0, report_id = NULL, finished_at = NULL, touched_at_ms = ? WHERE id = ?`, [Date.now() - msAgo, started.body.id]),
      );
    const poll = async () => (await api(app).get(started.headers.location).set(bearer(t.secretary)).expect(200)).body;
    await leftBehind(STALE_JOB_MS - 30_000);
    expect(await poll()).toMatchObject({ status: 'queued', failure: null });
    await leftBehind(STALE_JOB_MS + 1_000);
    expect(await poll()).toMatchObject({ status: 'failed', failure: 'the server stopped before the report was made' });
    expect(STALE_JOB_MS).toBeLessThanOrEqual(2 * 60_000);
  });

  it('a request the job could never make is refused at once, not as a failed job', async () => {
    const refused = await report({ milestoneKey: 'T9' }).set('Prefer', 'respond-async').expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'milestoneKey' });
    await api(app).get('/api/v1/reports/jobs/00000000-0000-4000-8000-000000000000').set(bearer(t.secretary)).expect(404);
    await api(app).post('/api/v1/reports').set(bearer(t.sfiOfficer)).set('Prefer', 'respond-async').send({ cycleId, milestoneKey: 'T1', language: 'sv', format: 'pdf' }).expect(403);
  });

  it('the same Idempotency-Key finds the same job and makes one report; the key with another body is a 409', async () => {
    const count = async () => (await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(200)).body.length as number;
    const before = await count();
    const first = await report({ format: 'docx' }).set('Prefer', 'respond-async').set('Idempotency-Key', 'jobb-t1-docx').expect(202);
    const again = await report({ format: 'docx' }).set('Prefer', 'respond-async').set('Idempotency-Key', 'jobb-t1-docx').expect(202);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await report({ format: 'csv' }).set('Prefer', 'respond-async').set('Idempotency-Key', 'jobb-t1-docx').expect(409);
    expect((await untilFinished(first.headers.location)).job.status).toBe('done');
    expect(await count()).toBe(before + 1);
  });
});

describe('an app that stops its report worker while the worker starts', () => {
  let { db, app, t } = {} as DemoApp;

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-05-10T08:00:00Z' }));
  });
  afterAll(() => stopDemoApp({ db, app }));

  // On Node 20 a worker terminated while it loaded @nestjs/common (an ES module, through require()) aborted
  // the whole process, this one included: the worker now loads no framework and is stopped only once loaded.
  it('the worker loads no ES module through require()', () => {
    const worker = join(__dirname, '../src/reports/generate-report/report-worker.ts');
    const loaded = spawnSync(process.execPath, ['--trace-require-module=all', '-r', join(__dirname, 'support/swc-register.cjs'), '-e', `require(${JSON.stringify(worker)}); console.log('loaded')`], {
      encoding: 'utf8',
    });
    expect(loaded.stdout.trim()).toBe('loaded');
    expect(loaded.stderr).not.toMatch(/loading ES Module/);
  });

  it('stays up when report makers stop as their workers start; each report asked for ends with why, and the next is made as before', async () => {
    const config = app.get<AppConfig>(APP_CONFIG);
    // Not a report the worker can make: what is asked of it here is only to start and be stopped.
    const scope = { request: { format: 'csv' } } as unknown as ReportScope;
    const reasons: string[] = [];
    for (let round = 0; round < 16; round++) {
      const maker = new ReportMaker(config);
      const asked = maker.make(scope).then(
        () => 'made',
        (error: ReportWorkerError) => error.reason,
      );
      // Stopped at moments spread from at once to well after the worker has loaded (0.3–0.5 s here).
      await new Promise((resolve) => setTimeout(resolve, round * 60));
      await maker.onModuleDestroy();
      reasons.push(await asked);
      // Once stopped, a maker makes nothing more, and starts no worker for it.
      await expect(maker.make(scope)).rejects.toMatchObject({ name: 'ReportWorkerError', reason: 'the app was stopping' });
    }
    // Stopped before it had made the report, or, once loaded, refusing the scope: never a report that hangs.
    for (const reason of reasons) expect(['the report worker stopped (exit code 1)', 'Invalid time value']).toContain(reason);
    const made = await askForT1(app, t.secretary, 'csv', 201);
    expect(made.body.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it('a report asked for while the app stops is a 503 that says to try again, and records nothing', async () => {
    const count = async () => (await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(200)).body.length as number;
    const before = await count();
    await app.get(ReportMaker).onModuleDestroy();
    const refused = await askForT1(app, t.secretary, 'csv', 503);
    expect(refused.body.message).toBe('The report could not be made: the app was stopping. Nothing was recorded; try again in a moment');
    expect(refused.headers['retry-after']).toBe('5');
    expect(await count()).toBe(before);
  });
});

describe('a report its asker waits for, bigger than the worker may hold, is a 503 that names the setting', () => {
  let { db, app, t } = {} as DemoApp;

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-05-10T08:00:00Z', REPORT_WORKER_MEMORY_MB: '16' }));
  });
  afterAll(() => stopDemoApp({ db, app }));

  it('answers 503 with the reason, without Retry-After (trying again would not help), and records nothing', async () => {
    const refused = await askForT1(app, t.secretary, 'pdf', 503);
    expect(refused.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The report could not be made: the report needed more memory than REPORT_WORKER_MEMORY_MB (16 MB) allows. Nothing was recorded',
    });
    expect(refused.headers['retry-after']).toBeUndefined();
    expect((await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(200)).body).toEqual([]);
    expect((await api(app).get('/api/v1/audit/events?type=ReportGenerated').set(bearer(t.auditor)).expect(200)).body).toEqual([]);
  });
});

describe('a report job that fails says why, and records nothing', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let t: Awaited<ReturnType<typeof demoTokens>>;

  beforeAll(async () => {
    db = await TestDatabase.create();
    // Every log counts as big here, and the report worker gets far too little memory to make anything.
    app = await startApp(db, { APP_NOW: '2012-05-10T08:00:00Z', REPORT_JOB_ABOVE_EVENTS: '0', REPORT_WORKER_MEMORY_MB: '16' });
    t = await demoTokens(app);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('a big log is a job without being asked; when the worker runs out of memory the job is failed with the reason', async () => {
    const cycleId = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary))).body[0].id;
    const started = await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId, milestoneKey: 'T1', language: 'sv', format: 'pdf' }).expect(202);
    expect(started.headers['preference-applied']).toBeUndefined();
    let job = started.body;
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await api(app).get(started.headers.location).set(bearer(t.secretary)).expect(200)).body;
    }
    expect(job).toMatchObject({ status: 'failed', report: null });
    expect(job.failure).toContain('REPORT_WORKER_MEMORY_MB');
    expect((await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(200)).body).toEqual([]);
    const events = await api(app).get('/api/v1/audit/events?type=ReportGenerated').set(bearer(t.auditor)).expect(200);
    expect(events.body).toEqual([]);
  });
});
