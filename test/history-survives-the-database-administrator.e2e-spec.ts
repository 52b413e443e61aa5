import type { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { anchorSignatureHolds, signAnchor, type Anchor } from '../src/audit/domain/anchor';
import { chainHash } from '../src/event-store/event-hash';
import { hashedColumnsOf, type EventRow } from '../src/event-store/event-row';
import { api, bearer, demoTokens, startApp, TEST_DATABASE, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

/** SQL as a database administrator types it in a shell: on the SQLite file, or as PostgreSQL's superuser. */
interface AdminShell {
  run(sql: string, params?: unknown[]): Promise<void>;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function adminShell(db: TestDatabase): Promise<AdminShell> {
  if (TEST_DATABASE === 'sqlite') {
    const raw = new Database(db.sqlitePath!);
    return {
      run: async (sql, params = []) => void raw.prepare(sql).run(...params),
      rows: async <T>(sql: string, params: unknown[] = []) => raw.prepare(sql).all(...params) as T[],
      close: async () => void raw.close(),
    };
  }
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
    rows: async <T>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows as T[],
    close: () => client.end(),
  };
}

/**
 * What the database said to a statement, or 'accepted'. Compared by message: the SQLite driver is a native
 * module loaded once per process, so its errors come from the first test file's realm and are no `Error` here.
 */
const refusal = (statement: Promise<unknown>): Promise<string> =>
  statement.then(
    () => 'accepted',
    (error: { message?: unknown }) => String(error?.message),
  );

/** The triggers that keep events append-only, dropped as only the tables' owner can. */
const dropEventTriggers = (shell: AdminShell) =>
  TEST_DATABASE === 'sqlite'
    ? Promise.all(['events_no_update', 'events_no_delete', 'events_no_replace'].map((t) => shell.run(`DROP TRIGGER ${t}`)))
    : Promise.all(['events_no_update_delete', 'events_no_truncate'].map((t) => shell.run(`DROP TRIGGER ${t} ON events`)));

describe(`history that survives the database administrator (${TEST_DATABASE})`, () => {
  let db: TestDatabase;
  let app: INestApplication;
  let anchorDir: string;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let shell: AdminShell;

  const verify = async () => (await api(app).get('/api/v1/audit/verify').set(bearer(t.auditor)).expect(200)).body;
  const anchorNow = async (): Promise<Anchor> => (await api(app).post('/api/v1/audit/anchors').set(bearer(t.auditor)).expect(201)).body;
  const head = async () => Number((await shell.rows<{ p: number | string }>('SELECT MAX(position) AS p FROM events'))[0].p);

  beforeEach(async () => {
    db = await TestDatabase.create();
    anchorDir = mkdtempSync(join(tmpdir(), 'uppfoljning-anchors-'));
    app = await startApp(db, { ANCHOR_DIR: anchorDir });
    t = await demoTokens(app);
    shell = await adminShell(db);
  });

  afterEach(async () => {
    await shell.close();
    await app.close();
    await db.drop();
    rmSync(anchorDir, { recursive: true, force: true });
  });

  it('an auditor anchors the head: listed, written to ANCHOR_DIR, signed by the public key, and verify checks it', async () => {
    const anchor = await anchorNow();
    expect(anchor).toMatchObject({ position: await head(), keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const listed = (await api(app).get('/api/v1/audit/anchors').set(bearer(t.auditor)).expect(200)).body as Anchor[];
    expect(listed).toContainEqual(anchor);
    const lines = readFileSync(join(anchorDir, 'anchors.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Anchor);
    expect(lines).toContainEqual({ ...anchor, installation: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const pem = (await api(app).get('/api/v1/audit/public-key').set(bearer(t.auditor)).expect(200)).text;
    expect(anchorSignatureHolds(anchor, createPublicKey(pem))).toBe(true);
    expect(anchorSignatureHolds({ ...anchor, position: anchor.position - 1 }, createPublicKey(pem))).toBe(false);
    expect(await verify()).toMatchObject({ ok: true, anchorsChecked: listed.length, problems: [], firstInvalidPosition: null });
    await api(app).post('/api/v1/audit/anchors').set(bearer(t.sfiOfficer)).expect(403);
    await api(app).get('/api/v1/audit/anchors').set(bearer(t.secretary)).expect(403);
  });

  it('a report names the anchor at its position, and made again names the same one with the same bytes', async () => {
    const cycleId = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary))).body[0].id;
    // The seed's events happened when the app started: a report as of now includes them.
    const asOf = new Date().toISOString();
    const make = async () =>
      (await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId, milestoneKey: 'T1', asOf, language: 'en', format: 'json' }).expect(201)).body;
    const first = await make();
    expect(first.position).toBeGreaterThan(0);
    await anchorNow();
    const again = await make();
    expect(again.sha256).toBe(first.sha256);
    const content = JSON.parse((await api(app).get(`/api/v1/reports/${first.id}/content`).set(bearer(t.secretary)).expect(200)).text);
    expect(content.anchor).toMatchObject({ position: first.position, keyId: expect.any(String), text: expect.stringContaining('Signed anchor in the event log') });
    const anchors = (await api(app).get('/api/v1/audit/anchors').set(bearer(t.auditor))).body as Anchor[];
    expect(anchors).toContainEqual(expect.objectContaining({ position: first.position, signature: content.anchor.signature }));
    const html = await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId, milestoneKey: 'T1', asOf, language: 'sv', format: 'html' }).expect(201);
    const page = (await api(app).get(`/api/v1/reports/${html.body.id}/content`).set(bearer(t.secretary)).expect(200)).text;
    expect(page).toContain(`${content.anchor.headHash}, nyckel ${content.anchor.keyId}`);
  });

  it('the tables refuse to replace or change a stored event, whoever asks', async () => {
    await anchorNow();
    const [row] = await shell.rows<EventRow>('SELECT * FROM events WHERE position = 5');
    if (TEST_DATABASE === 'sqlite') {
      const columns = 'position, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash';
      const values = [row.position, row.stream_id, row.stream_version, row.type, row.schema_version, '{"forged":true}', row.metadata, row.occurred_at, row.recorded_at, row.prev_hash, row.hash];
      expect(await refusal(shell.run(`INSERT OR REPLACE INTO events (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, values))).toMatch(/append-only/);
      expect(await refusal(shell.run(`REPLACE INTO events (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, values))).toMatch(/append-only/);
      expect(await refusal(
        shell.run(`INSERT INTO events (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO UPDATE SET data = excluded.data`, values),
      )).toMatch(/append-only/);
      expect(await refusal(shell.run('UPDATE OR REPLACE events SET data = ? WHERE position = 5', ['{}']))).toMatch(/append-only/);
    } else {
      await shell.run('SET session_replication_role = replica');
      expect(await refusal(shell.run("UPDATE events SET data = '{}' WHERE position = 5"))).toMatch(/append-only/);
      expect(await refusal(shell.run('DELETE FROM events WHERE position = 5'))).toMatch(/append-only/);
      expect(await refusal(shell.run('DELETE FROM audit_anchors'))).toMatch(/append-only/);
      await shell.run('SET session_replication_role = origin');
      await theAppsRoleMayOnlyAppend(db, anchorDir);
    }
    const [after] = await shell.rows<EventRow>('SELECT * FROM events WHERE position = 5');
    expect(after).toEqual(row);
    expect(await verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('altered: a row edited with the triggers dropped', async () => {
    await anchorNow();
    await dropEventTriggers(shell);
    await shell.run("UPDATE events SET data = replace(data, 'a', 'b') WHERE position = 5");
    expect(await verify()).toMatchObject({ ok: false, firstInvalidPosition: 5, checkedEvents: 4, problems: [{ position: 5, kind: 'altered' }] });
  });

  it('missing: a row from the middle deleted', async () => {
    await anchorNow();
    await dropEventTriggers(shell);
    await shell.run('DELETE FROM events WHERE position = 5');
    expect(await verify()).toMatchObject({ ok: false, firstInvalidPosition: 5, problems: [{ position: 5, kind: 'missing' }] });
  });

  it('truncated: the newest events deleted, past an anchor and past what the read models saw', async () => {
    const anchor = await anchorNow();
    await dropEventTriggers(shell);
    await shell.run('DELETE FROM events WHERE position > ?', [anchor.position - 3]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ position: anchor.position, kind: 'truncated' });
    expect(result.problems.every((p: { kind: string }) => p.kind === 'truncated')).toBe(true);
  });

  it('forged: the chain recomputed from a changed row on, consistent in itself but not with the anchor', async () => {
    const anchor = await anchorNow();
    await dropEventTriggers(shell);
    const rows = await shell.rows<EventRow>('SELECT * FROM events WHERE position >= 5 ORDER BY position');
    let prev = rows[0].prev_hash;
    for (const row of rows) {
      const data = Number(row.position) === 5 ? row.data.replace('a', 'b') : row.data;
      const hash = chainHash(prev, hashedColumnsOf({ ...row, data }));
      await shell.run('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?', [data, prev, hash, Number(row.position)]);
      prev = hash;
    }
    expect(await verify()).toMatchObject({ ok: false, problems: [{ position: anchor.position, kind: 'forged' }] });
  });

  it('forged, even with the anchors deleted from the table: the copy in ANCHOR_DIR still holds the head', async () => {
    const anchor = await anchorNow();
    await dropEventTriggers(shell);
    await shell.run(TEST_DATABASE === 'sqlite' ? 'DROP TRIGGER audit_anchors_no_delete' : 'DROP TRIGGER audit_anchors_no_update_delete ON audit_anchors');
    await shell.run('DELETE FROM audit_anchors');
    const [row] = await shell.rows<EventRow>('SELECT * FROM events WHERE position = ?', [anchor.position]);
    const data = row.data.replace('a', 'b');
    await shell.run('UPDATE events SET data = ?, hash = ? WHERE position = ?', [data, chainHash(row.prev_hash, hashedColumnsOf({ ...row, data })), anchor.position]);
    expect(await verify()).toMatchObject({ ok: false, problems: [{ position: anchor.position, kind: 'forged' }] });
  });

  it('unsigned: an event appended behind the app, backdated, with its hash recomputed, that no anchor covers', async () => {
    await anchorNow();
    const [last] = await shell.rows<EventRow>('SELECT * FROM events ORDER BY position DESC LIMIT 1');
    const backdated = '2012-01-01T00:00:00.000Z';
    const row = { ...last, position: Number(last.position) + 1, stream_id: 'review-forged', stream_version: 1, data: '{}', occurred_at: backdated, recorded_at: backdated, prev_hash: last.hash };
    const hash = chainHash(row.prev_hash, hashedColumnsOf(row));
    await shell.run(
      'INSERT INTO events (position, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [row.position, row.stream_id, row.stream_version, row.type, Number(row.schema_version), row.data, row.metadata, row.occurred_at, row.recorded_at, row.prev_hash, hash],
    );
    expect(await verify()).toMatchObject({ ok: false, problems: [{ position: row.position, kind: 'unsigned' }] });
  });

  it("forged and unsigned: an anchor whose signature fails, and one signed by a key the app does not know", async () => {
    const anchor = await anchorNow();
    const insert = (a: Anchor) =>
      shell.run('INSERT INTO audit_anchors (position, head_hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?)', [a.position, a.headHash, a.signedAt, a.keyId, a.signature]);
    await insert({ ...anchor, position: 3, signedAt: '2012-01-01T00:00:00.000Z' });
    const stranger = signAnchor(generateKeyPairSync('ed25519').privateKey, 4, anchor.headHash, '2012-01-01T00:00:00.000Z');
    await insert(stranger);
    expect((await verify()).problems).toEqual([
      { position: 3, kind: 'forged' },
      { position: 4, kind: 'unsigned' },
    ]);
  });

  it('the auditor reads on /logg/verifiera what happened, in words', async () => {
    await anchorNow();
    await dropEventTriggers(shell);
    await shell.run('DELETE FROM events WHERE position = 5');
    const auditor = await WebClient.signIn(app, 'revisor@demo.local');
    const anchored = await auditor.post('/logg/forankra', {}, '/logg');
    expect(anchored).toMatchObject({ status: 303, location: '/logg/verifiera' });
    const page = (await auditor.get('/logg/verifiera')).html;
    expect(page).toContain('Händelser saknas från nr 5: de har tagits bort ur loggen.');
    expect(page).toMatch(/signerade förankringar kontrollerade/);
  });
});

/**
 * DATABASE_MIGRATION_URL: the owner migrates and grants; the app runs as a
 * role of its own, which may append to and read the log but neither change
 * nor remove a row, nor drop the triggers.
 */
async function theAppsRoleMayOnlyAppend(db: TestDatabase, anchorDir: string): Promise<void> {
  const role = `uppf_app_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const owner = new Client({ connectionString: db.url });
  await owner.connect();
  await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app-password'`);
  const appUrl = new URL(db.url);
  appUrl.username = role;
  appUrl.password = 'app-password';
  const asApp = new Client({ connectionString: appUrl.toString() });
  let app: INestApplication | null = null;
  try {
    app = await startApp(db, { DATABASE_URL: appUrl.toString(), DATABASE_MIGRATION_URL: db.url, ANCHOR_DIR: anchorDir });
    const auditor = (await demoTokens(app)).auditor;
    await api(app).post('/api/v1/audit/anchors').set(bearer(auditor)).expect(201);
    expect((await api(app).get('/api/v1/audit/verify').set(bearer(auditor)).expect(200)).body).toMatchObject({ ok: true, problems: [] });
    await asApp.connect();
    expect(await refusal(asApp.query("UPDATE events SET data = '{}' WHERE position = 5"))).toMatch(/permission denied/);
    expect(await refusal(asApp.query('DELETE FROM events WHERE position = 5'))).toMatch(/permission denied/);
    expect(await refusal(asApp.query('TRUNCATE events'))).toMatch(/permission denied/);
    expect(await refusal(asApp.query('DELETE FROM audit_anchors'))).toMatch(/permission denied/);
    expect(await refusal(asApp.query('DROP TRIGGER events_no_update_delete ON events'))).toMatch(/must be owner/);
    expect(await refusal(asApp.query('ALTER TABLE events DISABLE TRIGGER ALL'))).toMatch(/must be owner/);
  } finally {
    await asApp.end().catch(() => undefined);
    await app?.close();
    await owner.query(`DROP OWNED BY ${role}`);
    await owner.end();
    const admin = new Client({ connectionString: new URL('/postgres', db.url).toString() });
    await admin.connect();
    await admin.query(`DROP ROLE ${role}`).catch(() => undefined);
    await admin.end();
  }
}
