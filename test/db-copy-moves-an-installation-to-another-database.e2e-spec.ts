import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { Users } from '../src/auth/users';
import { writeContext } from '../src/event-store/command-runner';
import { Database } from '../src/event-store/database';
import { ChangeRecommendationCommand } from '../src/recommendations/change-recommendation.command';
import { runCli } from './support/cli';
import { api, bearer, binary, demoTokens, givenAcceptedR2WithAnAction, login, startApp, TEST_DATABASE, TestDatabase } from './support/test-app';

/** The log the issue asks to move: the Stockholm seed grown to this many events. */
const EVENTS = 10_000;

/** `npm run db:copy -- --from … --to …` as an operator runs it, from the sources. */
const dbCopy = (from: string, to: string) => runCli('db-copy', ['--from', from, '--to', to], { ...process.env, NODE_ENV: 'test' });

/**
 * An installation that outgrew SQLite moves to PostgreSQL (and, when the suite runs on
 * PostgreSQL, one moves back to SQLite): the target has every event with its position and
 * hash, the same recommendations through the API, the same accounts, reports and
 * idempotency keys, and a target that is not empty is refused without a row written.
 */
describe(`db:copy moves an installation from ${TEST_DATABASE} to ${TEST_DATABASE === 'sqlite' ? 'postgres' : 'sqlite'}`, () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let app: INestApplication;
  let before: { recommendations: unknown; headHash: string; report: { id: string; sha256: string }; progressUrl: string; attachment: { id: string; bytes: Buffer } };

  beforeAll(async () => {
    source = await TestDatabase.create();
    target = await TestDatabase.create(TEST_DATABASE === 'sqlite' ? 'postgres' : 'sqlite');
    app = await startApp(source, { APP_NOW: '2012-04-10T08:00:00Z' });
    const t = await demoTokens(app);
    const { r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-09-30' });
    const progressUrl = `/api/v1/recommendations/${r2}/actions/${actionId}/progress`;
    await api(app).post(progressUrl).set(bearer(t.sfiOfficer)).set('Idempotency-Key', 'notering-1').send({ progressPercent: 10, note: 'Första träffen hölls' }).expect(200);
    // A file attached as evidence: its bytes are in the database too (attachment_blobs), binary on both.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)), Buffer.from('\n%%EOF\n')]);
    const attachment = await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/attachments`).set(bearer(t.sfiOfficer)).attach('file', bytes, 'protokoll.pdf').expect(201);
    const cycleId = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary)).expect(200)).body[0].id as string;
    const report = await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId, milestoneKey: 'T1', language: 'sv', format: 'json' }).expect(201);

    // Progress notes on one action through the write path, many at a time so they commit in groups.
    const officer = (await app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
    const bus = app.get(CommandBus);
    let count = await app.get(Database).dataSource.query('SELECT COUNT(*) AS n FROM events').then(([row]: Array<{ n: number | string }>) => Number(row.n));
    while (count < EVENTS) {
      const batch = Math.min(200, EVENTS - count);
      await Promise.all(
        Array.from({ length: batch }, (_, i) =>
          bus.execute(new ChangeRecommendationCommand(r2, { type: 'ReportProgress', actionId, progressPercent: (count + i) % 100, note: `Notering ${count + i}`, evidence: [] }, writeContext(officer))),
        ),
      );
      count += batch;
    }
    const verify = await api(app).get('/api/v1/audit/verify').set(bearer(t.auditor)).expect(200);
    expect(verify.body).toMatchObject({ ok: true, checkedEvents: EVENTS });
    before = {
      recommendations: (await api(app).get('/api/v1/recommendations').set(bearer(t.auditor)).expect(200)).body,
      headHash: verify.body.headHash,
      report: { id: report.body.id, sha256: report.body.sha256 },
      progressUrl,
      attachment: { id: attachment.body.id, bytes },
    };
    // The operator stops the app before moving its database.
    await app.close();
  }, 300_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await source?.drop();
    await target?.drop();
  });

  it('copies every event with its hash, verifies the chain there and prints what it did', async () => {
    const started = Date.now();
    const copy = await dbCopy(source.url, target.url);
    expect({ code: copy.code, stderr: copy.code === 0 ? '' : copy.stderr }).toEqual({ code: 0, stderr: '' });
    expect(copy.stdout).toContain(`Copied ${EVENTS} events`);
    expect(copy.stdout).toContain(`head hash ${before.headHash}; chain verified on the target`);
    expect(copy.stdout).toMatch(/Copied tables: .*reports 1/);
    expect(copy.stdout).toContain('Not copied: sessions');
    // Progress went to stderr, the summary alone to stdout.
    expect(copy.stderr).toMatch(/events \[.*\] \d+\/10000/);
    process.stdout.write(`db:copy of ${EVENTS} events ${TEST_DATABASE} → other: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }, 180_000);

  it('the app on the target answers as the source did: recommendations, the audit, sign-in, reports, idempotency', async () => {
    app = await startApp(target, { APP_NOW: '2012-04-10T08:00:00Z' });
    const t = await demoTokens(app);
    const verify = await api(app).get('/api/v1/audit/verify').set(bearer(t.auditor)).expect(200);
    expect(verify.body).toMatchObject({ ok: true, checkedEvents: EVENTS, headHash: before.headHash, firstInvalidPosition: null });
    const recommendations = await api(app).get('/api/v1/recommendations').set(bearer(t.auditor)).expect(200);
    expect(recommendations.body).toEqual(before.recommendations);
    // The search index is a read model too, rebuilt there (SQLite's full-text index through its triggers).
    const search = await api(app).get('/api/v1/search').query({ q: 'Järva' }).set(bearer(t.auditor)).expect(200);
    expect(search.body).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'action', title: 'Uppsökande team i Järva' })]));
    const report = await api(app).get(`/api/v1/reports/${before.report.id}`).set(bearer(t.secretary)).expect(200);
    expect(report.body.sha256).toBe(before.report.sha256);
    const file = await api(app)
      .get(`/api/v1/attachments/${before.attachment.id}`)
      .set(bearer(t.auditor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(file.body as Buffer, before.attachment.bytes)).toBe(0);
    // The retried write replays from the copied key instead of writing again.
    const replay = await api(app).post(before.progressUrl).set(bearer(t.sfiOfficer)).set('Idempotency-Key', 'notering-1').send({ progressPercent: 10, note: 'Första träffen hölls' }).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // New writes chain on where the source ended.
    await api(app).post(before.progressUrl).set(bearer(t.sfiOfficer)).send({ progressPercent: 50, note: 'Halvvägs' }).expect(200);
    const after = await api(app).get('/api/v1/audit/verify').set(bearer(t.auditor)).expect(200);
    expect(after.body).toMatchObject({ ok: true, checkedEvents: EVENTS + 1 });
    await login(app, 'admin@demo.local');
    await app.close();
  }, 120_000);

  it('refuses a target that is not empty, and writes nothing there', async () => {
    const copy = await dbCopy(source.url, target.url);
    expect(copy.code).not.toBe(0);
    expect(copy.stderr).toContain('The target is not empty');
    app = await startApp(target, { APP_NOW: '2012-04-10T08:00:00Z' });
    const verify = await api(app).get('/api/v1/audit/verify').set(bearer((await demoTokens(app)).auditor)).expect(200);
    expect(verify.body).toMatchObject({ ok: true, checkedEvents: EVENTS + 1 });
    await app.close();
  }, 120_000);

  it('leaves the target as it was when the copy fails half-way (a source whose chain was changed behind its back)', async () => {
    const tampered = await TestDatabase.create();
    const empty = await TestDatabase.create(TEST_DATABASE === 'sqlite' ? 'postgres' : 'sqlite');
    try {
      const seeded = await startApp(tampered);
      await seeded.close();
      await changeAnEventBehindTheAppsBack(tampered);
      const copy = await dbCopy(tampered.url, empty.url);
      expect(copy.code).not.toBe(0);
      expect(copy.stderr).toContain('The chain on the target does not verify: position 3');
      // Nothing was left there: not a table on PostgreSQL, not a file on SQLite.
      if (empty.sqlitePath) expect(existsSync(empty.sqlitePath)).toBe(false);
      else expect(await tablesOfPostgres(empty.url)).toEqual([]);
    } finally {
      await tampered.drop();
      await empty.drop();
    }
  }, 120_000);
});

/** What someone with a database shell could do: turn the append-only guard off and edit an event. */
async function changeAnEventBehindTheAppsBack(db: TestDatabase): Promise<void> {
  if (db.sqlitePath) {
    const sqlite = new BetterSqlite3(db.sqlitePath);
    sqlite.exec('DROP TRIGGER events_no_update');
    sqlite.exec("UPDATE events SET data = data || ' ' WHERE position = 3");
    sqlite.close();
    return;
  }
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query('ALTER TABLE events DISABLE TRIGGER events_no_update_delete');
  await client.query("UPDATE events SET data = data || ' ' WHERE position = 3");
  await client.end();
}

async function tablesOfPostgres(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  await client.end();
  return rows.map((r) => r.table_name);
}
