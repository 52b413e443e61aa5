import type { INestApplication } from '@nestjs/common';
import { RedisPrefix, TEST_REDIS_URL } from './support/redis-prefix';
import { eventually, SmtpReceiver } from './support/smtp-receiver';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction, startApp, TestDatabase } from './support/test-app';

const OWNER = 'handlaggare.sfi@demo.local';
const HEAD = 'chef.sfi@demo.local';

/** An app with its reminder worker, on a database and Redis prefix of its own, mailing through an SMTP server set up as `smtpOptions` say. */
function withReminderWorker(smtpOptions: Parameters<typeof SmtpReceiver.start>[0], smtpQuery = '') {
  const prefix = new RedisPrefix();
  const made = {} as { db: TestDatabase; smtp: SmtpReceiver; app: INestApplication; t: Awaited<ReturnType<typeof demoTokens>> };
  beforeAll(async () => {
    made.db = await TestDatabase.create();
    made.smtp = await SmtpReceiver.start(smtpOptions);
    made.app = await startApp(made.db, { APP_NOW: '2012-04-10T08:00:00Z', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix.name, SMTP_URL: made.smtp.url + smtpQuery, RUN_WORKER: 'true' });
    made.t = await demoTokens(made.app);
  });
  afterAll(async () => {
    await made.app?.close();
    await made.smtp?.close();
    await made.db?.drop();
    await prefix.clean();
  });
  return made;
}

/** An action of R2 overdue on the app's 10 April: its owner and the unit head are mailed at once. */
const givenAnOverdueAction = (app: INestApplication, t: Awaited<ReturnType<typeof demoTokens>>) =>
  givenAcceptedR2WithAnAction(app, t, { title: 'Ta fram informationsmaterial', ownerEmail: OWNER, dueDate: '2012-04-05' });

describe('a mail server that refuses a recipient for good', () => {
  const setup = withReminderWorker({ refuse: [HEAD] });

  it('only secretaries and admins may list reminders, and only by a known status', async () => {
    const { app, t } = setup;
    await api(app).get('/api/v1/reminders').set(bearer(t.sfiOfficer)).expect(403);
    await api(app).get('/api/v1/reminders').set(bearer(t.auditor)).expect(403);
    await api(app).get('/api/v1/reminders').expect(401);
    await api(app).get('/api/v1/reminders').set(bearer(t.admin)).expect(200);
    const bad = await api(app).get('/api/v1/reminders?status=lost').set(bearer(t.secretary)).expect(400);
    expect(bad.body.details).toEqual([{ field: 'status', message: 'status must be one of scheduled, sending, sent, skipped, failed' }]);
  });

  it('a 550 is recorded as failed, in GET /reminders?status=failed and in the history, and is not retried', async () => {
    const { app, t, smtp } = setup;
    const { r2 } = await givenAnOverdueAction(app, t);

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
  // The first recipient is answered 451, as a greylisting server does.
  const setup = withReminderWorker({ greylist: 1 });

  it('leaves the reminder scheduled for its next attempt, and GET /reminders says it was tried and why', async () => {
    const { app, t } = setup;
    await givenAnOverdueAction(app, t);
    const waiting = await eventually(async () => {
      const rows = (await api(app).get('/api/v1/reminders?status=scheduled').set(bearer(t.secretary)).expect(200)).body as { attempts: number; reason: string | null }[];
      const tried = rows.filter((r) => r.attempts > 0);
      expect(tried).toHaveLength(1);
      return tried[0];
    });
    expect(waiting.reason).toMatch(/^tried 2012-04-10T08:\d\d:\d\d\.\d{3}Z, to be tried again: .*451/);
  });
});

describe('a mail server that goes quiet after it has taken the mail', () => {
  // It takes each mail and says so only after 1.5 s; the app waits 0.3 s for a reply.
  const setup = withReminderWorker({ stallMs: 1500 }, '?socketTimeout=300');

  it('records each reminder as failed, saying whether it went out is unknown, and never sends it again', async () => {
    const { app, t, smtp } = setup;
    await givenAnOverdueAction(app, t);
    const failed = await eventually(async () => {
      const rows = (await api(app).get('/api/v1/reminders?status=failed').set(bearer(t.secretary)).expect(200)).body as { recipient: string; attempts: number; reason: string }[];
      expect(rows.map((r) => r.recipient).sort()).toEqual([HEAD, OWNER]);
      return rows;
    });
    for (const row of failed) {
      expect(row.attempts).toBe(1);
      expect(row.reason).toMatch(/went silent.*whether that mail went out is unknown, so it is not sent again/);
    }
    // The server did take each one, once.
    expect(smtp.to(OWNER)).toHaveLength(1);
    expect(smtp.to(HEAD)).toHaveLength(1);
  });
});
