import type { INestApplication } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import { Database } from '../src/event-store/database';
import { Clock } from '../src/kernel/clock';
import { REMINDER_QUEUE, ReminderQueue } from '../src/reminders/queue/reminder-queue';
import { ReminderReconciler } from '../src/reminders/queue/reminder-reconciler';
import { ReminderWorker } from '../src/reminders/queue/reminder-worker';
import { PrivateRedis } from './support/private-redis';
import { eventually, SmtpReceiver } from './support/smtp-receiver';
import { api, bearer, demoTokens, startApp, TestDatabase } from './support/test-app';

type ReminderView = { id: string; kind: string; recipient: string; actionId: string | null; sendAt: string; status: string; attempts: number };

/**
 * Redis without persistence, as the README starts it, forgets every queued
 * reminder when it restarts. The database still knows them: every one still to
 * be sent must be queued again and go out once, whether the app saw Redis go
 * and come back or starts fresh against the empty Redis.
 */
describe('reminders when Redis restarts empty', () => {
  let redis: PrivateRedis;
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  let app: INestApplication;
  let t: Awaited<ReturnType<typeof demoTokens>>;

  const env = (appNow: string) => ({ APP_NOW: appNow, REDIS_URL: redis.url, SMTP_URL: smtp.url, RUN_WORKER: 'true' });
  const reminders = async (status?: string) =>
    (await api(app).get(`/api/v1/reminders${status ? `?status=${status}` : ''}`).set(bearer(t.secretary)).expect(200)).body as ReminderView[];
  const reminderHealth = async () => (await api(app).get('/api/v1/health/reminders').set(bearer(t.secretary)).expect(200)).body;
  /**
   * Where a scenario takes Redis away, it starts once the relay has handed Redis every reminder the last
   * sends planned (each recorded send plans the next weekly one, and the relay queues it after that commit):
   * what the reconciliation then queues again is exactly what Redis lost, so its count can be asserted.
   */
  const outboxDrained = () => eventually(async () => expect((await reminderHealth()).outboxPending).toBe(0));
  const jobStates = async (ids: string[]) => {
    const queue = app.get(ReminderQueue).queue;
    return Promise.all(ids.map((id) => queue.getJobState(id)));
  };
  /** The Message-ID the worker recorded for each reminder it sent, so each mail received can be traced to its reminder. */
  const sentMessageIds = async () => {
    const rows = await app.get(Database).query<{ id: string; recipient: string; detail: string }>("SELECT id, recipient, detail FROM reminders WHERE status = 'sent'");
    return new Map(rows.map((r) => [r.detail, r]));
  };
  /** Every mail received belongs to exactly one sent reminder, went to its recipient, and no reminder was mailed twice. */
  const expectOneMailPerSentReminder = async () => {
    const sent = await sentMessageIds();
    const mailsPerReminder = new Map<string, number>();
    for (const mail of smtp.received) {
      const reminder = sent.get(mail.parsed.messageId ?? '');
      expect(reminder).toBeDefined();
      expect(mail.to).toEqual([reminder!.recipient]);
      mailsPerReminder.set(reminder!.id, (mailsPerReminder.get(reminder!.id) ?? 0) + 1);
    }
    expect([...mailsPerReminder.values()].every((n) => n === 1)).toBe(true);
    expect(mailsPerReminder.size).toBe(sent.size);
  };

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    db = await TestDatabase.create();
    smtp = await SmtpReceiver.start();
    app = await startApp(db, env('2012-04-10T08:00:00Z'));
    t = await demoTokens(app);
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const id = (code: string) => list.body.find((r: { code: string }) => r.code === code).id as string;
    const actions = [
      { code: 'R1', token: t.utredningOfficer, title: 'Utred språkstödet i Rinkeby', unit: 'utredning', owner: 'handlaggare.utredning@demo.local' },
      { code: 'R2', token: t.sfiOfficer, title: 'Kartlägg uppsökande verksamhet i Järva', unit: 'sfi', owner: 'handlaggare.sfi@demo.local' },
      { code: 'R3', token: t.sfiHead, title: 'Dela erfarenheter med Göteborg', unit: 'sfi', owner: 'chef.sfi@demo.local' },
      { code: 'R4', token: t.sfiOfficer, title: 'Samordna praktikplatser', unit: 'sfi', owner: 'handlaggare.sfi@demo.local' },
    ];
    for (const a of actions) {
      await api(app).post(`/api/v1/recommendations/${id(a.code)}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012' }).expect(200);
      await api(app)
        .post(`/api/v1/recommendations/${id(a.code)}/actions`)
        .set(bearer(a.token))
        .send({ title: a.title, responsibleUnit: a.unit, ownerEmail: a.owner, dueDate: '2012-04-16' })
        .expect(201);
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    await smtp?.close();
    await db?.drop();
  });

  it('a running app queues every scheduled reminder again when Redis comes back empty, and each mail arrives once', async () => {
    await eventually(async () => expect((await api(app).get('/api/v1/health/ready').expect(200)).body).toEqual({ database: 'up', redis: 'up', outboxPending: 0 }));
    const scheduled = await reminders('scheduled');
    const ids = scheduled.map((r) => r.id);
    expect(scheduled.filter((r) => r.kind === 'action_overdue' && r.sendAt === '2012-04-17T06:00:00.000Z').length).toBeGreaterThanOrEqual(4);
    expect(await jobStates(ids)).toEqual(ids.map(() => 'delayed'));
    expect((await reminderHealth()).reconciliation.requeuedSinceStart).toBe(0);

    await redis.stop();
    await redis.resume();

    await eventually(async () => expect(await jobStates(ids)).toEqual(ids.map(() => 'delayed')));
    const health = await reminderHealth();
    expect(health).toMatchObject({ database: 'up', redis: 'up', scheduled: ids.length, outboxPending: 0, problems: { relay: null, reconciliation: null } });
    // every one of them had been lost and was queued again, none twice
    expect(health.reconciliation.requeuedSinceStart).toBe(ids.length);
    expect(health.reconciliation.lastAt).toMatch(/^2012-04-10T/);

    app.get(Clock).set('2012-04-17T06:05:00Z');
    const due = scheduled.filter((r) => r.sendAt <= '2012-04-17T06:05:00.000Z');
    await eventually(async () => {
      const now = await reminders();
      const stillDue = now.filter((r) => due.some((d) => d.id === r.id) && (r.status === 'scheduled' || r.status === 'sending'));
      expect(stillDue).toEqual([]);
    }, 30_000);
    const after = await reminders();
    const overdue = after.filter((r) => due.some((d) => d.id === r.id) && r.kind === 'action_overdue');
    expect(overdue.map((r) => [r.status, r.attempts])).toEqual(overdue.map(() => ['sent', 1]));
    expect(smtp.received.length).toBe(after.filter((r) => r.status === 'sent').length);
    expect(smtp.received.length).toBeGreaterThanOrEqual(4);
    await expectOneMailPerSentReminder();
    expect((await reminders('scheduled')).filter((r) => r.sendAt <= '2012-04-17T06:05:00.000Z')).toEqual([]);
  }, 60_000);

  it('an app started against an empty Redis queues every scheduled reminder again, and the next ones arrive once', async () => {
    await outboxDrained();
    await app.close();
    await redis.stop();
    await redis.resume();
    const mailsBefore = smtp.received.length;
    app = await startApp(db, env('2012-04-17T07:00:00Z'));

    const scheduled = await reminders('scheduled');
    const ids = scheduled.map((r) => r.id);
    expect(scheduled.filter((r) => r.kind === 'action_overdue' && r.sendAt === '2012-04-24T06:00:00.000Z').length).toBeGreaterThanOrEqual(4);
    await eventually(async () => expect(await jobStates(ids)).toEqual(ids.map(() => 'delayed')));
    const health = await reminderHealth();
    expect(health).toMatchObject({ scheduled: ids.length, reconciliation: { requeuedSinceStart: ids.length }, problems: { relay: null, reconciliation: null } });
    // the reminders already sent were not queued again
    const sent = await reminders('sent');
    expect(sent.length).toBe(mailsBefore);
    expect(await jobStates(sent.map((r) => r.id))).toEqual(sent.map(() => 'unknown'));

    app.get(Clock).set('2012-04-24T06:05:00Z');
    const due = scheduled.filter((r) => r.sendAt <= '2012-04-24T06:05:00.000Z');
    await eventually(async () => {
      const now = await reminders();
      expect(now.filter((r) => due.some((d) => d.id === r.id) && (r.status === 'scheduled' || r.status === 'sending'))).toEqual([]);
    }, 30_000);
    const weekTwo = (await reminders()).filter((r) => due.some((d) => d.id === r.id) && r.kind === 'action_overdue' && r.sendAt === '2012-04-24T06:00:00.000Z');
    expect(weekTwo.map((r) => [r.status, r.attempts])).toEqual(weekTwo.map(() => ['sent', 1]));
    expect(smtp.received.length).toBe((await reminders('sent')).length);
    expect(smtp.received.length).toBeGreaterThan(mailsBefore);
    await expectOneMailPerSentReminder();
    expect((await reminders('scheduled')).filter((r) => r.sendAt <= '2012-04-24T06:05:00.000Z')).toEqual([]);
  }, 60_000);

  it('a reminder whose worker stopped while sending, and whose job Redis lost with it, is recorded as failed instead of staying in sending', async () => {
    const [stuck] = (await reminders('scheduled')).filter((r) => r.kind === 'action_overdue' && r.sendAt === '2012-05-01T06:00:00.000Z');
    await outboxDrained();
    const before = (await reminderHealth()).reconciliation.requeuedSinceStart;

    await redis.stop();
    app.get(Clock).set('2012-05-01T06:05:00Z');
    // as if a worker had claimed it when it came due and died before recording, while Redis went down with its job
    await app
      .get(Database)
      .write((tx) => tx.query("UPDATE reminders SET status = 'sending', claim_token = 'stopped-worker', claimed_at = ? WHERE id = ?", ['2012-05-01T06:00:05.000Z', stuck.id]));
    const unfinished = (await reminders()).filter((r) => r.status === 'scheduled' || r.status === 'sending');
    expect(unfinished.filter((r) => r.status === 'sending').map((r) => r.id)).toEqual([stuck.id]);
    await redis.resume();

    await eventually(async () => expect((await reminderHealth()).reconciliation.requeuedSinceStart).toBe(before + unfinished.length));
    await eventually(async () => {
      const [failed] = (await reminders('failed')).filter((r) => r.id === stuck.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect((failed as ReminderView & { reason: string }).reason).toContain('whether that mail went out is unknown');
    }, 30_000);
    await eventually(
      async () => expect((await reminders()).filter((r) => r.sendAt <= '2012-05-01T06:05:00.000Z' && (r.status === 'scheduled' || r.status === 'sending'))).toEqual([]),
      30_000,
    );
    expect(smtp.received.length).toBe((await reminders('sent')).length);
    await expectOneMailPerSentReminder();
  }, 60_000);

  it('a job whose attempts failed before the worker could record its reminder is run again by the reconciliation, and its mail arrives once', async () => {
    const [reminder] = (await reminders('scheduled')).filter((r) => r.kind === 'action_overdue' && r.sendAt === '2012-05-08T06:00:00.000Z');
    const queue = app.get(ReminderQueue).queue;
    await outboxDrained();
    const before = (await reminderHealth()).reconciliation.requeuedSinceStart;
    // as if every attempt had failed while the database could not be reached: a worker that cannot claim fails the job
    await app.get(ReminderWorker).close();
    await (await queue.getJob(reminder.id))!.promote();
    const failing = new Worker(REMINDER_QUEUE, () => Promise.reject(new UnrecoverableError('the database could not be reached')), {
      connection: { url: redis.url },
      prefix: db.redisPrefix,
    });
    await eventually(async () => expect(await queue.getJobState(reminder.id)).toBe('failed'));
    await failing.close();
    app.get(ReminderWorker).start();
    expect((await reminders('scheduled')).map((r) => r.id)).toContain(reminder.id);

    app.get(ReminderReconciler).kick();
    await eventually(async () => expect((await reminderHealth()).reconciliation.requeuedSinceStart).toBe(before + 1));
    expect(await queue.getJobState(reminder.id)).not.toBe('failed');

    app.get(Clock).set('2012-05-08T06:05:00Z');
    await eventually(async () => expect((await reminders('sent')).filter((r) => r.id === reminder.id)).toMatchObject([{ attempts: 1 }]), 30_000);
    await eventually(
      async () => expect((await reminders()).filter((r) => r.sendAt <= '2012-05-08T06:05:00.000Z' && (r.status === 'scheduled' || r.status === 'sending'))).toEqual([]),
      30_000,
    );
    expect(smtp.received.length).toBe((await reminders('sent')).length);
    await expectOneMailPerSentReminder();
    expect((await reminderHealth()).problems).toEqual({ relay: null, reconciliation: null });
  }, 60_000);
});
