import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './support/smtp-receiver';
import { api, bearer, demoTokens, startApp, TestDatabase } from './support/test-app';

/**
 * The clock starts at APP_NOW at every start (README's demo command). Started
 * again with the same instant on a log that went on past it, new events
 * silently carried times before those already in the log, and a report as of
 * a time then left out what came before it.
 */
describe('an app started with its clock before the log’s last event', () => {
  let db: TestDatabase;
  let app: INestApplication | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-clock-'));
  const logFile = join(dir, 'app.log');
  const warnings = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number | string; msg?: string })
      .filter((line) => /The clock/.test(line.msg ?? ''))
      .map((line) => line.msg);

  beforeAll(async () => {
    db = await TestDatabase.create();
    // The first app of a file decides where every app's log goes (logging.ts): here, to LOG_FILE.
    app = await startApp(db, { APP_NOW: '2012-06-01T08:00:00Z', LOG_FILE: logFile });
    const t = await demoTokens(app);
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const r3 = list.body.find((r: { code: string }) => r.code === 'R3').id;
    await api(app).post(`/api/v1/recommendations/${r3}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012' }).expect(200);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says nothing when the clock is after the log, as at the first start', () => {
    expect(warnings()).toEqual([]);
  });

  it('says so at start, naming the instant to start at', async () => {
    await app!.close();
    app = await startApp(db, { APP_NOW: '2012-05-01T08:00:00Z', LOG_FILE: logFile });
    await eventually(() =>
      expect(warnings()).toEqual([
        expect.stringMatching(
          /^The clock \(APP_NOW 2012-05-01T08:00:00Z\) is at 2012-05-01T08:00:\d\d\.\d+Z, before the log's last event \(2012-06-01T08:0[\d:.]+Z\): new events will carry earlier times than events already recorded\. Start with APP_NOW at or after 2012-06-01T08:0[\d:.]+Z, or without it$/,
        ),
      ]),
    );
  });
});
