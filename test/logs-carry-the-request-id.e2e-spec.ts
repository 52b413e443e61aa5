import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../src/event-store/database';
import { CookieJar } from './support/cookie-jar';
import { PrivateRedis } from './support/private-redis';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

interface LogLine {
  level: string;
  time: string;
  msg: string;
  reqId?: string;
  context?: string;
  userId?: string;
  account?: string;
  address?: string;
  req?: { method: string; url: string; address?: string };
  res?: { statusCode: number };
}

// Redis is stopped and started again: past Jest's 5 s default.
jest.setTimeout(30_000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the logs: one JSON line per event worth knowing, carrying the request id that the events carry too', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let dir: string;
  let logFile: string;
  let r2: string;
  let redis: PrivateRedis;

  const logText = () => readFileSync(logFile, 'utf8');
  const lines = (): LogLine[] =>
    logText()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  /** Lines are written as they happen, but a background task may still be on its way: look again for a while. */
  const eventually = async (find: (lines: LogLine[]) => LogLine | undefined): Promise<LogLine | undefined> => {
    for (let i = 0; i < 100; i++) {
      const found = find(lines());
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  };
  const latestEvent = async () => {
    const [row] = await app.get(Database).query<{ type: string; metadata: string }>('SELECT type, metadata FROM events ORDER BY position DESC LIMIT 1');
    return { type: row.type, correlationId: (JSON.parse(row.metadata) as { correlationId: string }).correlationId };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uppfoljning-logs-'));
    logFile = join(dir, 'app.log');
    db = await TestDatabase.create();
    // A Redis of the test's own, stopped later: the failures of the work in the background must reach the same log.
    redis = await PrivateRedis.start();
    app = await startApp(db, { LOG_FILE: logFile, REDIS_URL: redis.url });
    const secretary = await login(app, 'sekreterare@demo.local');
    r2 = (await api(app).get('/api/v1/recommendations?unit=sfi').set(bearer(secretary)).expect(200)).body[0].id;
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an API write keeps the X-Request-Id the client sent: the answer, its log line and its event all carry it', async () => {
    const secretary = await login(app, 'sekreterare@demo.local');
    const res = await api(app)
      .post(`/api/v1/recommendations/${r2}/decision`)
      .set(bearer(secretary))
      .set('X-Request-Id', 'case-4711.decision')
      .send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-06-12', paragraph: '§ 14' } })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('case-4711.decision');
    expect(await latestEvent()).toEqual({ type: 'RecommendationDecided', correlationId: 'case-4711.decision' });
    const closing = lines().filter((l) => l.reqId === 'case-4711.decision' && l.res);
    expect(closing).toHaveLength(1);
    const [line] = closing;
    expect(line).toMatchObject({
      level: 'info',
      msg: `POST /api/v1/recommendations/${r2}/decision 200`,
      req: { method: 'POST', url: `/api/v1/recommendations/${r2}/decision` },
      res: { statusCode: 200 },
      userId: expect.any(String),
    });
    expect(Date.parse(line.time)).not.toBeNaN();
  });

  it('a web form write without an id of its own gets a fresh one, the same in the answer, the log and the event', async () => {
    const web = new CookieJar(app);
    expect((await web.signIn('sekreterare@demo.local')).status).toBe(303);
    const res = await web.post('/granskningar', {
      title: 'Uppföljning av språkcaféerna',
      reviewer: 'Stadsrevisionen',
      reviewedOn: '2012-01-15',
      committee: 'Arbetsmarknadsnämnden',
      _csrf: await web.formToken('/granskningar'),
    });
    expect(res.status).toBe(303);
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(await latestEvent()).toEqual({ type: 'ReviewRegistered', correlationId: id });
    const closing = lines().filter((l) => l.reqId === id && l.res);
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatchObject({ msg: 'POST /granskningar 303', level: 'info' });
  });

  it('an id that is not sane (spaces, too long) is replaced rather than written into the log', async () => {
    const spaced = await api(app).get('/api/v1/health/live').set('X-Request-Id', 'two words');
    expect(spaced.headers['x-request-id']).toMatch(UUID);
    const long = await api(app).get('/api/v1/health/live').set('X-Correlation-Id', 'x'.repeat(101));
    expect(long.headers['x-request-id']).toMatch(UUID);
    const kept = await api(app).get('/api/v1/health/live').set('X-Correlation-Id', 'upstream-7f3a');
    expect(kept.headers['x-request-id']).toBe('upstream-7f3a');
  });

  it('logs sign-ins, failed and successful, with the account and the address', async () => {
    await api(app).post('/api/v1/auth/login').send({ email: 'chef.sfi@demo.local', password: 'not-her-password-1' }).expect(401);
    const ok = await api(app).post('/api/v1/auth/login').set('X-Request-Id', 'sign-in-chef').send({ email: 'Chef.SFI@demo.local', password: 'demo-password' }).expect(200);
    expect(ok.headers['x-request-id']).toBe('sign-in-chef');
    expect(lines().find((l) => l.msg === 'sign-in failed' && l.account === 'chef.sfi@demo.local')).toMatchObject({
      level: 'warn',
      address: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
    expect(lines().find((l) => l.msg === 'signed in' && l.reqId === 'sign-in-chef')).toMatchObject({
      level: 'info',
      account: 'chef.sfi@demo.local',
      address: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
  });

  it('logs refusals (401, 403, 429) as warnings', async () => {
    await api(app).get('/api/v1/reviews').set('X-Request-Id', 'refused-401').expect(401);
    const auditor = await login(app, 'revisor@demo.local');
    await api(app)
      .post('/api/v1/reviews')
      .set(bearer(auditor))
      .set('X-Request-Id', 'refused-403')
      .send({ title: 'x', reviewer: 'y', reviewedOn: '2012-01-15', committee: 'z' })
      .expect(403);
    for (let i = 0; i < 10; i++) await api(app).post('/api/v1/auth/login').send({ email: 'handlaggare.utredning@demo.local', password: `guess-${i}-wrong` }).expect(401);
    await api(app).post('/api/v1/auth/login').set('X-Request-Id', 'refused-429').send({ email: 'handlaggare.utredning@demo.local', password: 'demo-password' }).expect(429);
    for (const [id, status] of [
      ['refused-401', 401],
      ['refused-403', 403],
      ['refused-429', 429],
    ] as const) {
      expect(lines().find((l) => l.reqId === id && l.res)).toMatchObject({ level: 'warn', res: { statusCode: status } });
    }
  });

  it('logs Redis going away and coming back, as the reminder queue and the request limits see it', async () => {
    await redis.stop();
    expect(await eventually((all) => all.find((l) => l.context === 'Redis' && l.level === 'warn'))).toMatchObject({
      msg: expect.stringMatching(/unreachable.*reminders wait in the outbox/),
    });
    expect(await eventually((all) => all.find((l) => l.context === 'RequestLimits' && l.level === 'warn'))).toMatchObject({
      msg: expect.stringMatching(/unreachable.*limiting per process/),
    });
    await redis.resume();
    expect(await eventually((all) => all.find((l) => l.context === 'RequestLimits' && l.msg.startsWith('Redis for request limits is back')))).toMatchObject({ level: 'info' });
  });

  it('holds no password, token, cookie or secret link parameter', async () => {
    const secretary = await login(app, 'sekreterare@demo.local');
    await api(app).get('/api/v1/reviews').set(bearer(secretary)).expect(200);
    const web = new CookieJar(app);
    await web.signIn('handlaggare.sfi@demo.local');
    await web.get('/rekommendationer');
    await web.get('/logga-in?token=reset-secret-123&next=%2F');
    const text = logText();
    expect(lines().find((l) => l.req?.url.startsWith('/logga-in?token='))?.req?.url).toBe('/logga-in?token=[redacted]&next=%2F');
    for (const secret of [
      'demo-password',
      'not-her-password-1',
      'guess-0-wrong',
      secretary,
      secretary.split('.')[2],
      web.cookies.get('uf_session')!,
      web.cookies.get('uf_csrf')!,
      'reset-secret-123',
      'Bearer ',
    ]) {
      expect({ secret, found: text.toLowerCase().includes(secret.toLowerCase()) }).toEqual({ secret, found: false });
    }
  });
});
