import type { INestApplication } from '@nestjs/common';
import { Database } from '../src/event-store/database';
import { PrivateRedis } from './support/private-redis';
import { RedisPrefix, TEST_REDIS_URL } from './support/redis-prefix';
import { eventually, SmtpReceiver } from './support/smtp-receiver';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction, startApp, TestDatabase } from './support/test-app';

const OWNER = 'handlaggare.sfi@demo.local';
const HEAD = 'chef.sfi@demo.local';
/** Nothing listens here: this app instance's Redis is "stopped". */
const CLOSED_REDIS_URL = 'redis://127.0.0.1:6390';

describe('reminders while Redis is down', () => {
  const prefix = new RedisPrefix();
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  let app: INestApplication | undefined;

  const env = (redisUrl: string) => ({
    APP_NOW: '2012-04-10T08:00:00Z',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix.name,
    SMTP_URL: smtp.url,
    RUN_WORKER: 'true',
  });

  beforeAll(async () => {
    db = await TestDatabase.create();
    smtp = await SmtpReceiver.start();
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
    await prefix.clean();
  });

  it('a write still succeeds, the outbox holds its reminders and /health/ready says redis is down', async () => {
    app = await startApp(db, env(CLOSED_REDIS_URL));
    const t = await demoTokens(app);
    const { actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Rekrytera studievägledare', dueDate: '2012-04-02', ownerEmail: OWNER });

    const pending = await app
      .get(Database)
      .query<{ payload: string }>('SELECT payload FROM outbox WHERE relayed_at IS NULL');
    const overdue = pending.map((r) => JSON.parse(r.payload)).filter((r) => r.kind === 'action_overdue' && r.actionId === actionId);
    expect(overdue.map((r) => r.recipient).sort()).toEqual([HEAD, HEAD, OWNER, OWNER]);

    const health = await api(app).get('/api/v1/health/ready').expect(200);
    expect(health.body).toMatchObject({ database: 'up', redis: 'down' });
    expect(health.body.outboxPending).toBe(pending.length);
    expect(health.body.outboxPending).toBeGreaterThan(0);
    expect(smtp.received).toEqual([]);
    await app.close();
    app = undefined;
  });

  it('an app reaching Redis on the same database drains the outbox and the overdue notices arrive', async () => {
    app = await startApp(db, env(TEST_REDIS_URL));
    await eventually(() => {
      expect(smtp.to(OWNER)).toHaveLength(1);
      expect(smtp.to(HEAD)).toHaveLength(1);
    });
    const health = await api(app).get('/api/v1/health/ready').expect(200);
    expect(health.body).toEqual({ database: 'up', redis: 'up', outboxPending: 0 });
    expect(smtp.to(OWNER)[0].parsed.subject).toContain('Rekrytera studievägledare');
  });
});

describe('a running app whose Redis stops and comes back', () => {
  let redis: PrivateRedis;
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  let app: INestApplication;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    db = await TestDatabase.create();
    smtp = await SmtpReceiver.start();
    app = await startApp(db, { APP_NOW: '2012-04-10T08:00:00Z', REDIS_URL: redis.url, SMTP_URL: smtp.url, RUN_WORKER: 'true' });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    await smtp?.close();
    await db?.drop();
  });

  it('keeps taking writes while Redis is stopped, and sends the held reminders once it is back', async () => {
    const t = await demoTokens(app);
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const r3 = list.body.find((r: { code: string }) => r.code === 'R3').id;
    await api(app).post(`/api/v1/recommendations/${r3}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012' }).expect(200);
    await eventually(async () => expect((await api(app).get('/api/v1/health/ready').expect(200)).body).toEqual({ database: 'up', redis: 'up', outboxPending: 0 }));

    await redis.stop();
    await api(app)
      .post(`/api/v1/recommendations/${r3}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Dela erfarenheter med Göteborg', responsibleUnit: 'sfi', ownerEmail: OWNER, dueDate: '2012-04-04' })
      .expect(201);
    const down = (await api(app).get('/api/v1/health/ready').expect(200)).body;
    expect(down).toMatchObject({ database: 'up', redis: 'down' });
    expect(down.outboxPending).toBeGreaterThan(0);
    // Those who look after the reminders are told why they wait (it said relay: null while Redis was down).
    const waiting = (await api(app).get('/api/v1/health/reminders').set(bearer(t.secretary)).expect(200)).body;
    expect(waiting).toMatchObject({ redis: 'down', outboxPending: down.outboxPending, problems: { relay: expect.stringMatching(/^127\.0\.0\.1:\d+ .*reminders wait in the outbox until it is back$/) } });

    await redis.resume();
    await eventually(() => {
      expect(smtp.to(OWNER)).toHaveLength(1);
      expect(smtp.to(HEAD)).toHaveLength(1);
    });
    await eventually(async () => expect((await api(app).get('/api/v1/health/ready').expect(200)).body).toEqual({ database: 'up', redis: 'up', outboxPending: 0 }));
    expect((await api(app).get('/api/v1/health/reminders').set(bearer(t.secretary)).expect(200)).body.problems.relay).toBeNull();
  });
});
