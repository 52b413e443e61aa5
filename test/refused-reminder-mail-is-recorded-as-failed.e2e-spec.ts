import type { INestApplication } from '@nestjs/common';
import { RedisPrefix, TEST_REDIS_URL } from './support/redis-prefix';
import { eventually, SmtpReceiver } from './support/smtp-receiver';
import { api, bearer, demoTokens, startApp, TestDatabase } from './support/test-app';

const OWNER = 'handlaggare.sfi@demo.local';
const HEAD = 'chef.sfi@demo.local';

describe('a mail server that refuses a recipient for good', () => {
  const prefix = new RedisPrefix();
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  let app: INestApplication;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;

  beforeAll(async () => {
    db = await TestDatabase.create();
    smtp = await SmtpReceiver.start({ refuse: [HEAD] });
    app = await startApp(db, {
      APP_NOW: '2012-04-10T08:00:00Z',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix.name,
      SMTP_URL: smtp.url,
      RUN_WORKER: 'true',
    });
    t = await demoTokens(app);
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    r2 = list.body.find((r: { code: string }) => r.code === 'R2').id;
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
    await prefix.clean();
  });

  it('only secretaries and admins may list reminders, and only by a known status', async () => {
    await api(app).get('/api/v1/reminders').set(bearer(t.sfiOfficer)).expect(403);
    await api(app).get('/api/v1/reminders').set(bearer(t.auditor)).expect(403);
    await api(app).get('/api/v1/reminders').expect(401);
    await api(app).get('/api/v1/reminders').set(bearer(t.admin)).expect(200);
    const bad = await api(app).get('/api/v1/reminders?status=lost').set(bearer(t.secretary)).expect(400);
    expect(bad.body.details).toEqual([{ field: 'status', message: 'status must be one of scheduled, sending, sent, skipped, failed' }]);
  });

  it('a 550 is recorded as failed, in GET /reminders?status=failed and in the history, and is not retried', async () => {
    await api(app).post(`/api/v1/recommendations/${r2}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012' }).expect(200);
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Ta fram informationsmaterial', responsibleUnit: 'sfi', ownerEmail: OWNER, dueDate: '2012-04-05' })
      .expect(201);

    const failed = await eventually(async () => {
      const rows = (await api(app).get('/api/v1/reminders?status=failed').set(bearer(t.secretary)).expect(200)).body;
      expect(rows).toHaveLength(1);
      return rows[0];
    });
    expect(failed).toMatchObject({ kind: 'action_overdue', recipient: HEAD, recommendationId: r2, status: 'failed', attempts: 1, sentAt: null });
    expect(failed.reason).toMatch(/^SMTP 550.*No such user here/);

    const history = (await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200)).body;
    const recorded = history.filter((e: { type: string }) => e.type === 'ReminderRecorded');
    const refusal = recorded.find((e: any) => e.data.outcome === 'failed');
    expect(refusal.data).toMatchObject({ reminderId: failed.id, recipient: HEAD, kind: 'action_overdue' });
    expect(refusal.reason).toMatch(/550/);

    await eventually(() => expect(smtp.to(OWNER)).toHaveLength(1));
    expect(smtp.received).toHaveLength(1);
  });
});

describe('a mail server that says "try again later"', () => {
  const prefix = new RedisPrefix();
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  let app: INestApplication;
  let t: Awaited<ReturnType<typeof demoTokens>>;

  beforeAll(async () => {
    db = await TestDatabase.create();
    // The first recipient is answered 451, as a greylisting server does.
    smtp = await SmtpReceiver.start({ greylist: 1 });
    app = await startApp(db, { APP_NOW: '2012-04-10T08:00:00Z', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix.name, SMTP_URL: smtp.url, RUN_WORKER: 'true' });
    t = await demoTokens(app);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
    await prefix.clean();
  });

  it('leaves the reminder scheduled for its next attempt, and GET /reminders says it was tried and why', async () => {
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const r2 = list.body.find((r: { code: string }) => r.code === 'R2').id;
    await api(app).post(`/api/v1/recommendations/${r2}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012' }).expect(200);
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Ta fram informationsmaterial', responsibleUnit: 'sfi', ownerEmail: OWNER, dueDate: '2012-04-05' })
      .expect(201);

    const waiting = await eventually(async () => {
      const rows = (await api(app).get('/api/v1/reminders?status=scheduled').set(bearer(t.secretary)).expect(200)).body as { attempts: number; reason: string | null }[];
      const tried = rows.filter((r) => r.attempts > 0);
      expect(tried).toHaveLength(1);
      return tried[0];
    });
    expect(waiting.reason).toMatch(/^tried 2012-04-10T08:\d\d:\d\d\.\d{3}Z, to be tried again: .*451/);
  });
});
