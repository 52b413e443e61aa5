import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Logger as PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import request, { type Response } from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { testSigningKeyFile } from './signing-key';

/** Which database the end-to-end suite runs on: `TEST_DATABASE=postgres` for PostgreSQL. */
export const TEST_DATABASE = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A private database for one test file: a temporary SQLite file, or a fresh PostgreSQL database dropped afterwards. */
export class TestDatabase {
  /** The Redis key prefix of every app started on this database; its keys go with drop(). */
  readonly redisPrefix = `test-${randomUUID()}`;

  private constructor(
    readonly url: string,
    readonly sqlitePath: string | null,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** On the suite's database unless told (the PostgreSQL benchmark asks for PostgreSQL whatever the suite runs on). */
  static async create(kind: 'sqlite' | 'postgres' = TEST_DATABASE): Promise<TestDatabase> {
    if (kind === 'postgres') {
      const name = `uppf_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const admin = new Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${name}`;
      return new TestDatabase(url.toString(), null, async () => {
        const c = new Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      });
    }
    const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-test-'));
    const path = join(dir, 'tracker.sqlite');
    return new TestDatabase(`sqlite:${path}`, path, async () => rmSync(dir, { recursive: true, force: true }));
  }

  async drop(): Promise<void> {
    await this.cleanup();
    await deleteRedisKeys(this.redisPrefix);
  }
}

export async function startApp(db: TestDatabase, env: Record<string, string> = {}): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        DATABASE_URL: db.url,
        REDIS_PREFIX: db.redisPrefix,
        NODE_ENV: 'test',
        RUN_WORKER: 'false',
        // Quiet unless a test reads the log: then it goes to LOG_FILE, and Nest's own lines with it.
        LOG_LEVEL: env.LOG_FILE ? 'info' : 'silent',
        // Production refuses to start without a signing key outside the database.
        ...(env.NODE_ENV === 'production' ? { AUDIT_SIGNING_KEY_FILE: testSigningKeyFile() } : {}),
        ...env,
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  if (env.LOG_FILE) app.useLogger(app.get(PinoLogger));
  configureApp(app);
  await app.init();
  return app;
}

export const api = (app: INestApplication) => request(app.getHttpServer());

/** supertest keeps a binary answer as bytes: `.buffer(true).parse(binary)`. */
export const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

export async function login(app: INestApplication, email: string, password = 'demo-password'): Promise<string> {
  const res = await api(app).post('/api/v1/auth/login').send({ email, password }).expect(200);
  return res.body.accessToken as string;
}

/** Bearer tokens of every demo account. */
export async function demoTokens(app: INestApplication) {
  const [admin, secretary, sfiOfficer, sfiHead, utredningOfficer, auditor] = await Promise.all(
    [
      'admin@demo.local',
      'sekreterare@demo.local',
      'handlaggare.sfi@demo.local',
      'chef.sfi@demo.local',
      'handlaggare.utredning@demo.local',
      'revisor@demo.local',
    ].map((email) => login(app, email)),
  );
  return { admin, secretary, sfiOfficer, sfiHead, utredningOfficer, auditor };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** What most API tests work with: a database of their own, the app on it, and every demo account's bearer token. */
export interface DemoApp {
  db: TestDatabase;
  app: INestApplication;
  t: Awaited<ReturnType<typeof demoTokens>>;
}

/**
 * The setup most API tests share: a fresh database, the app on it (with
 * `env`, e.g. its clock), every demo account signed in. What was made before
 * a step failed is removed again.
 */
export async function startDemoApp(env: Record<string, string> = {}): Promise<DemoApp> {
  const made: Partial<DemoApp> = {};
  try {
    made.db = await TestDatabase.create();
    made.app = await startApp(made.db, env);
    made.t = await demoTokens(made.app);
    return made as DemoApp;
  } catch (error) {
    await stopDemoApp(made);
    throw error;
  }
}

/** Closes the app, then drops its database: whichever of them there is (a failed start leaves some out). */
export async function stopDemoApp({ db, app }: Partial<DemoApp>): Promise<void> {
  await app?.close();
  await db?.drop();
}

/** Leaves nothing behind in the shared Redis: every key under the prefix. Redis being down means there is nothing to delete. */
export async function deleteRedisKeys(prefix: string, url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis is not reachable: no app could have written keys there either.
  } finally {
    redis.disconnect();
  }
}

/**
 * Where most scenarios start: R2 (unit sfi) accepted by the committee for
 * `reason`, and one action added to it by the sfi officer, owned by `ownerEmail`.
 */
export async function givenAcceptedR2WithAnAction(
  app: INestApplication,
  t: { secretary: string; sfiOfficer: string },
  action: { title: string; dueDate: string; ownerEmail?: string },
  reason = 'Ingår i verksamhetsplan 2012',
): Promise<{ r2: string; r2Title: string; actionId: string }> {
  const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
  const { id: r2, title: r2Title } = (list.body as Array<{ id: string; code: string; title: string }>).find((r) => r.code === 'R2')!;
  await api(app).post(`/api/v1/recommendations/${r2}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason }).expect(200);
  const added = await api(app)
    .post(`/api/v1/recommendations/${r2}/actions`)
    .set(bearer(t.sfiOfficer))
    .send({ title: action.title, responsibleUnit: 'sfi', ownerEmail: action.ownerEmail ?? 'handlaggare.sfi@demo.local', dueDate: action.dueDate })
    .expect(201);
  return { r2, r2Title, actionId: added.body.actions[0].id as string };
}
