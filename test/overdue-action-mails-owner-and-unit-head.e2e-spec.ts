import type { INestApplication } from '@nestjs/common';
import { Clock } from '../src/kernel/clock';
import { ReminderQueue } from '../src/reminders/queue/reminder-queue';
import { OutboxRelay } from '../src/reminders/queue/outbox-relay';
import { Database } from '../src/event-store/database';
import { RedisPrefix, TEST_REDIS_URL } from './support/redis-prefix';
import { eventually, SmtpReceiver } from './support/smtp-receiver';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction, startApp, TestDatabase } from './support/test-app';

const OWNER = 'handlaggare.sfi@demo.local';
const HEAD = 'chef.sfi@demo.local';

describe('an action left open past its due date', () => {
  const prefix = new RedisPrefix();
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  let app: INestApplication;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;
  let actionId: string;

  const env = () => ({
    APP_NOW: '2012-04-10T08:00:00Z',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix.name,
    SMTP_URL: smtp.url,
    RUN_WORKER: 'true',
  });
  const reminders = async (status: string) =>
    (await api(app).get(`/api/v1/reminders?status=${status}`).set(bearer(t.secretary)).expect(200)).body as Array<Record<string, any>>;

  beforeAll(async () => {
    db = await TestDatabase.create();
    smtp = await SmtpReceiver.start();
    app = await startApp(db, env());
    t = await demoTokens(app);
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Kartlägg uppsökande verksamhet i Järva', dueDate: '2012-04-16', ownerEmail: OWNER }));
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
    await prefix.clean();
  });

  it('before T1, its reminders are listed as scheduled: the milestone reminders to the owner and the overdue notice to owner and unit head', async () => {
    const scheduled = (await reminders('scheduled')).filter((r) => r.actionId === actionId);
    expect(scheduled.filter((r) => r.kind === 'milestone_due' && r.milestoneKey === 'T1').map((r) => [r.recipient, r.milestoneKey, r.sendAt])).toEqual([
      [OWNER, 'T1', '2012-05-08T06:00:00.000Z'],
      [OWNER, 'T1', '2012-05-15T06:00:00.000Z'],
      [OWNER, 'T1', '2012-05-21T06:00:00.000Z'],
    ]);
    const overdue = scheduled.filter((r) => r.kind === 'action_overdue');
    expect(overdue.map((r) => r.recipient).sort()).toEqual([HEAD, OWNER]);
    expect(overdue.every((r) => r.sendAt === '2012-04-17T06:00:00.000Z' && r.recommendationId === r2 && r.attempts === 0 && r.sentAt === null)).toBe(true);
    expect(smtp.received).toEqual([]);
  });

  it('the morning after the due date the owner and the head of unit get a mail within seconds', async () => {
    app.get(Clock).set('2012-04-17T06:05:00Z');
    await eventually(() => {
      expect(smtp.to(OWNER)).toHaveLength(1);
      expect(smtp.to(HEAD)).toHaveLength(1);
    });
    const mail = smtp.to(HEAD)[0].parsed;
    expect(mail.subject).toBe('Försenad åtgärd: ”Kartlägg uppsökande verksamhet i Järva” (R2), slutdatum 16 april 2012');
    expect(mail.text).toContain(`http://localhost:3000/rekommendationer/${r2}#action-${actionId}`);
    expect(mail.html).toContain('R2 Uppsökande verksamhet');
    expect(mail.date?.toISOString().slice(0, 10)).toBe('2012-04-17');
  });

  it('each mail is a ReminderRecorded event in the history and is listed as sent', async () => {
    await eventually(async () => {
      const sent = (await reminders('sent')).filter((r) => r.kind === 'action_overdue');
      expect(sent.map((r) => r.recipient).sort()).toEqual([HEAD, OWNER]);
      expect(sent.every((r) => r.sentAt === null || r.sentAt.startsWith('2012-04-17'))).toBe(true);
      expect(sent.every((r) => r.attempts === 1)).toBe(true);
    });
    const history = await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200);
    const recorded = history.body.filter((e: { type: string }) => e.type === 'ReminderRecorded');
    expect(recorded.map((e: any) => [e.data.recipient, e.data.outcome, e.data.kind]).sort()).toEqual([
      [HEAD, 'sent', 'action_overdue'],
      [OWNER, 'sent', 'action_overdue'],
    ]);
    expect(recorded[0].actor.email).toBe('system@uppfoljning.local');
  });

  it('the next weekly notice is planned, not sent yet', async () => {
    const next = (await reminders('scheduled')).filter((r) => r.kind === 'action_overdue');
    expect(next.map((r) => [r.recipient, r.sendAt]).sort()).toEqual([
      [HEAD, '2012-04-24T06:00:00.000Z'],
      [OWNER, '2012-04-24T06:00:00.000Z'],
    ]);
  });

  it('after a restart, with the outbox relayed again and a stray duplicate job, nobody gets a second mail', async () => {
    await app.close();
    app = await startApp(db, { ...env(), APP_NOW: '2012-04-17T07:00:00Z' });
    const sentIds = (await reminders('sent')).map((r) => r.id);
    // as if a relay had crashed after queuing and before marking its rows
    await app.get(Database).write((tx) => tx.query('UPDATE outbox SET relayed_at = NULL'));
    await app.get(OutboxRelay).relayNow();
    const queue = app.get(ReminderQueue).queue;
    const [row] = await app.get(Database).query<{ payload: string }>('SELECT payload FROM outbox WHERE job_id = ?', [sentIds[0]]);
    const duplicate = await queue.add('reminder', JSON.parse(row.payload), { jobId: `${sentIds[0]}-again` });
    await eventually(async () => expect(await duplicate.isCompleted()).toBe(true));
    expect(smtp.to(OWNER)).toHaveLength(1);
    expect(smtp.to(HEAD)).toHaveLength(1);
    expect((await reminders('sent')).map((r) => r.id).sort()).toEqual([...sentIds].sort());
  });

  it('completing the action stops the weekly notices: the next one is skipped with its reason', async () => {
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/complete`).set(bearer(t.sfiOfficer)).send({ note: 'Klar' }).expect(200);
    // Completion is a claim until a second person approves it (issue #12).
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/approve`).set(bearer(t.sfiHead)).send({}).expect(200);
    app.get(Clock).set('2012-04-24T06:05:00Z');
    await eventually(async () => {
      const skipped = (await reminders('skipped')).filter((r) => r.kind === 'action_overdue');
      expect(skipped).toHaveLength(2);
      expect(skipped[0].reason).toBe('action is completed');
    });
    expect(smtp.received).toHaveLength(2);
  });
});
