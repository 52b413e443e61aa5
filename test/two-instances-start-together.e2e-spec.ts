import type { INestApplication } from '@nestjs/common';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

const STARTS = 10;
/** Fewer starts with a second process: each is a full app start in both processes. */
const PROCESS_STARTS = 5;

/**
 * Two instances started at the same moment on one empty database, ten times:
 * each has its own connection pool, so they meet only in the database, where
 * migrations and the seed must take turns.
 */
describe('two instances start together on an empty database', () => {
  it.each(Array.from({ length: STARTS }, (_, i) => i + 1))('both come up and the seed is loaded once (start %i)', async () => {
    const db = await TestDatabase.create();
    const apps: INestApplication[] = [];
    try {
      const started = await Promise.allSettled([startApp(db), startApp(db)]);
      for (const s of started) if (s.status === 'fulfilled') apps.push(s.value);
      expect(started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []))).toEqual([]);

      for (const app of apps) await api(app).get('/api/v1/health/live').expect(200);
      const [first, second] = apps;
      const secretary = await login(second, 'sekreterare@demo.local');
      const recommendations = await api(first).get('/api/v1/recommendations').set(bearer(secretary)).expect(200);
      expect(recommendations.body.map((r: { code: string }) => r.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
      const reviews = await api(first).get('/api/v1/reviews').set(bearer(secretary)).expect(200);
      expect(reviews.body).toHaveLength(1);
      const cycles = await api(second).get('/api/v1/cycles').set(bearer(secretary)).expect(200);
      expect(cycles.body.map((c: { name: string }) => c.name)).toEqual(['Verksamhetsplan 2012']);
      const [users] = await first.get(DataSource).query('SELECT COUNT(*) AS n FROM users');
      expect(Number(users.n)).toBe(6);
    } finally {
      for (const app of apps) await app.close();
      await db.drop();
    }
  }, 60_000);
});

/**
 * The same with a real second process. Within one process the two instances'
 * SQLite connections take turns on the event loop, so they hardly ever meet in
 * the database; a second process starting at the same instant does.
 */
describe('an instance in another process starts at the same moment', () => {
  let child: ChildProcessWithoutNullStreams;
  let answers: AsyncIterator<string>;

  beforeAll(async () => {
    child = spawn(process.execPath, ['-r', join(__dirname, 'support/swc-register.cjs'), join(__dirname, 'support/start-app-process.ts')], {
      cwd: join(__dirname, '..'),
    });
    answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    expect(JSON.parse((await answers.next()).value)).toEqual({ ready: true });
  }, 60_000);
  afterAll(async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
  });

  it.each(Array.from({ length: PROCESS_STARTS }, (_, i) => i + 1))('both come up and the seed is loaded once (start %i)', async () => {
    const db = await TestDatabase.create();
    let app: INestApplication | undefined;
    try {
      // Both begin at the same instant: the child is told when, and this process waits for it too.
      const at = Date.now() + 200;
      child.stdin.write(`${JSON.stringify({ url: db.url, redisPrefix: db.redisPrefix, at })}\n`);
      await sleep(at - Date.now());
      const [here, there] = await Promise.allSettled([startApp(db), answers.next()]);
      if (here.status === 'fulfilled') app = here.value;
      expect(here.status === 'rejected' ? String((here.reason as Error).stack) : 'started').toBe('started');
      expect(there.status === 'fulfilled' ? JSON.parse(there.value.value) : there.reason).toEqual({ live: 200 });

      await api(app!).get('/api/v1/health/live').expect(200);
      const secretary = await login(app!, 'sekreterare@demo.local');
      const recommendations = await api(app!).get('/api/v1/recommendations').set(bearer(secretary)).expect(200);
      expect(recommendations.body.map((r: { code: string }) => r.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
      const reviews = await api(app!).get('/api/v1/reviews').set(bearer(secretary)).expect(200);
      expect(reviews.body).toHaveLength(1);
      const cycles = await api(app!).get('/api/v1/cycles').set(bearer(secretary)).expect(200);
      expect(cycles.body.map((c: { name: string }) => c.name)).toEqual(['Verksamhetsplan 2012']);
      const [users] = await app!.get(DataSource).query('SELECT COUNT(*) AS n FROM users');
      expect(Number(users.n)).toBe(6);
      const [migrations] = await app!.get(DataSource).query('SELECT COUNT(*) AS n FROM migrations');
      expect(Number(migrations.n)).toBe(MIGRATIONS.length);
    } finally {
      if (app) await app.close();
      await db.drop();
    }
  }, 60_000);
});
