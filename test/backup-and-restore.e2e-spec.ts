import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import BetterSqlite3 from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Users } from '../src/auth/users';
import { writeContext } from '../src/event-store/command-runner';
import { Database } from '../src/event-store/database';
import { ChangeRecommendationCommand } from '../src/recommendations/change-recommendation.command';
import { runCli } from './support/cli';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction, startApp, TEST_DATABASE, TestDatabase } from './support/test-app';

const run = promisify(execFile);

/** `npm run backup -- <file>` as an operator runs it beside the app, from the sources. */
const backup = (databaseUrl: string, file: string) => runCli('backup', [file], { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl });

/** The log grown by progress notes through the write path, many at a time. */
async function grow(app: INestApplication, r2: string, actionId: string, notes: number): Promise<void> {
  const officer = (await app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
  const bus = app.get(CommandBus);
  for (let done = 0; done < notes; done += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, notes - done) }, (_, i) =>
        bus.execute(new ChangeRecommendationCommand(r2, { type: 'ReportProgress', actionId, progressPercent: (done + i) % 100, note: `Notering ${done + i} `.repeat(20), evidence: [] }, writeContext(officer))),
      ),
    );
  }
}

const eventCount = async (app: INestApplication) => Number((await app.get(Database).query<{ n: number | string }>('SELECT COUNT(*) AS n FROM events'))[0].n);

/**
 * A backup as the README says to take and restore it: on SQLite `npm run backup` while the
 * app runs and writes, on PostgreSQL pg_dump -Fc and pg_restore. Each suite tries its own.
 */
describe(`a backup of a running installation on ${TEST_DATABASE}, and its restore`, () => {
  let db: TestDatabase;
  let restored: TestDatabase | null = null;
  let app: INestApplication;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uppfoljning-backup-'));
    db = await TestDatabase.create();
    app = await startApp(db, { APP_NOW: '2012-04-10T08:00:00Z' });
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await db?.drop();
    await restored?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  if (TEST_DATABASE === 'sqlite') {
    it('npm run backup copies the database while writes go on: the copy verifies and holds every acknowledged event; copied back, the app starts on it', async () => {
      const t = await demoTokens(app);
      const { r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-09-30' });
      // Big enough (some 20 MB) that the copy takes many steps, with writes between them.
      await grow(app, r2, actionId, 8000);
      const progress = `/api/v1/recommendations/${r2}/actions/${actionId}/progress`;

      const acknowledged = await eventCount(app);
      const file = join(dir, 'tracker-backup.sqlite');
      const backingUp = backup(db.url, file);
      let writing = true;
      let writesDuring = 0;
      const writer = (async () => {
        while (writing) {
          await api(app).post(progress).set(bearer(t.sfiOfficer)).send({ progressPercent: writesDuring % 100, note: 'Under säkerhetskopieringen' }).expect(200);
          writesDuring++;
        }
      })();
      const result = await backingUp;
      writing = false;
      await writer;
      expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/chain verified/);
      expect(result.stderr).toMatch(/backup of .*\[/);
      expect(writesDuring).toBeGreaterThan(0);

      // The copy opens on its own and holds at least what was acknowledged before it began.
      const copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      const inCopy = Number((copy.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n);
      copy.close();
      expect(inCopy).toBeGreaterThanOrEqual(acknowledged);
      expect(result.stdout).toContain(`${inCopy} events`);

      // It never overwrites.
      const again = await backup(db.url, file);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('never overwrites');

      // Restore as the README says: stop the app, remove the WAL files, copy the backup back, start.
      await app.close();
      for (const suffix of ['-wal', '-shm']) rmSync(`${db.sqlitePath}${suffix}`, { force: true });
      copyFileSync(file, db.sqlitePath!);
      app = await startApp(db, { APP_NOW: '2012-04-10T08:00:00Z' });
      const auditor = (await demoTokens(app)).auditor;
      const verify = await api(app).get('/api/v1/audit/verify').set(bearer(auditor)).expect(200);
      expect(verify.body).toMatchObject({ ok: true, checkedEvents: inCopy, firstInvalidPosition: null });
      await api(app).get('/api/v1/recommendations').set(bearer(auditor)).expect(200);
    }, 240_000);
  } else {
    it('pg_dump -Fc and pg_restore into a new database keep every event and the head hash', async () => {
      const t = await demoTokens(app);
      const { r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-09-30' });
      await grow(app, r2, actionId, 500);
      const before = (await api(app).get('/api/v1/audit/verify').set(bearer(t.auditor)).expect(200)).body;
      const list = (await api(app).get('/api/v1/recommendations').set(bearer(t.auditor)).expect(200)).body;

      const file = join(dir, 'uppfoljning.dump');
      await run('pg_dump', ['-Fc', '-f', file, db.url]);
      expect(existsSync(file)).toBe(true);
      await app.close();

      restored = await TestDatabase.create('postgres');
      await run('pg_restore', ['--no-owner', '-d', restored.url, file]);
      app = await startApp(restored, { APP_NOW: '2012-04-10T08:00:00Z' });
      const auditor = (await demoTokens(app)).auditor;
      const after = (await api(app).get('/api/v1/audit/verify').set(bearer(auditor)).expect(200)).body;
      expect(after).toMatchObject({ ok: true, checkedEvents: before.checkedEvents, headHash: before.headHash });
      expect((await api(app).get('/api/v1/recommendations').set(bearer(auditor)).expect(200)).body).toEqual(list);
      // The restored log is still append-only: its triggers came with it.
      await expect(app.get(Database).query('DELETE FROM events WHERE position = 1')).rejects.toThrow(/append-only/);
    }, 240_000);
  }
});
