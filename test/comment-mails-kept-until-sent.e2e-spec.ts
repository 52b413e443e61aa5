import type { INestApplication } from '@nestjs/common';
import { Database } from '../src/event-store/database';
import { Clock } from '../src/kernel/clock';
import { CommentMails, MAX_ATTEMPTS } from '../src/recommendations/discussion/comment-mails';
import { eventually, SmtpReceiver } from './support/smtp-receiver';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction, startApp, TestDatabase } from './support/test-app';

interface MailRow {
  attempts: number | string;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
}

const HOUR = 60 * 60_000;

/**
 * A comment's mails are rows written with the comment, so neither a refusing
 * mail server nor a crash between the comment and its mail loses one: a
 * failed send is tried again, then recorded in the history; a row left
 * unsent is sent when the application starts again.
 */
describe('comment mails kept in the database until sent', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let smtp: SmtpReceiver;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;
  let actionId: string;
  const env = () => ({ SMTP_URL: smtp.url, MAIL_FROM: 'uppfoljning@stad.test', APP_NOW: '2012-06-01T08:00:00Z' });

  beforeAll(async () => {
    db = await TestDatabase.create();
    // The unit head's mailbox refuses mail, as a server does for an unknown address.
    smtp = await SmtpReceiver.start({ refuse: ['chef.sfi@demo.local'] });
    app = await startApp(db, env());
    t = await demoTokens(app);
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande möten i Rinkeby', dueDate: '2012-09-30' }));
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
  });

  const row = async (commentId: string, recipient: string): Promise<MailRow | undefined> =>
    (await app.get(Database).query<MailRow>('SELECT attempts, sent_at, failed_at, last_error FROM comment_mails WHERE comment_id = ? AND recipient = ?', [commentId, recipient]))[0];
  const comment = async (token: string, text: string): Promise<string> =>
    (await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(token)).send({ text }).expect(201)).body.id;
  const failures = async () =>
    ((await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200)).body as Array<{ type: string; data: Record<string, unknown> }>).filter(
      (e) => e.type === 'ReminderRecorded' && e.data.kind === 'comment',
    );

  it('writes the mail with the comment and marks it sent once the owner has it', async () => {
    const id = await comment(t.secretary, 'Hur går det med mötena?');
    await eventually(() => expect(smtp.to('handlaggare.sfi@demo.local').filter((m) => m.parsed.text?.includes('Hur går det med mötena?'))).toHaveLength(1));
    await eventually(async () => expect(await row(id, 'handlaggare.sfi@demo.local')).toMatchObject({ attempts: expect.anything(), sent_at: expect.any(String), failed_at: null }));
    expect(Number((await row(id, 'handlaggare.sfi@demo.local'))!.attempts)).toBe(1);
  });

  it('tries a refused mail again with a growing wait, and after the last attempt records it as failed in the history, once', async () => {
    await comment(t.sfiHead, 'Jag tar det med nämnden.');
    const id = await comment(t.secretary, 'Tack för beskedet!');
    const head = 'chef.sfi@demo.local';
    // The first try, at once, is refused; the next waits for its time.
    await eventually(async () => expect(await row(id, head)).toMatchObject({ attempts: expect.anything(), last_error: expect.stringContaining('No such user') }));
    expect(Number((await row(id, head))!.attempts)).toBe(1);
    expect(await app.get(CommentMails).sweepNow()).toBe(0);
    expect(await failures()).toHaveLength(0);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      app.get(Clock).advance(HOUR);
      await app.get(CommentMails).sweepNow();
      await eventually(async () => expect(Number((await row(id, head))!.attempts)).toBe(attempt));
    }
    await eventually(async () => expect((await row(id, head))!.failed_at).toEqual(expect.any(String)));
    const failed = await failures();
    expect(failed).toEqual([expect.objectContaining({ data: expect.objectContaining({ recipient: head, outcome: 'failed', actionId, detail: expect.stringContaining(`${MAX_ATTEMPTS} attempts`) }) })]);
    // Given up: no further try, and the comment stays.
    app.get(Clock).advance(24 * HOUR);
    expect(await app.get(CommentMails).sweepNow()).toBe(0);
    expect(await failures()).toHaveLength(1);
    // The owner's copy of the same comment went out the first time.
    expect(smtp.to('handlaggare.sfi@demo.local').filter((m) => m.parsed.text?.includes('Tack för beskedet!'))).toHaveLength(1);
  });

  it('sends a mail left unsent by a crash when the application starts again, once, even with two instances sweeping', async () => {
    const id = await comment(t.sfiOfficer, 'Mötena är bokade.');
    await eventually(async () => expect((await row(id, 'sekreterare@demo.local'))?.sent_at).toEqual(expect.any(String)));
    await app.close();
    // The crash: the comment is in, its mail's row written, and nothing sent.
    // Due before the restarted application's clock starts (APP_NOW).
    const due = '2012-06-01T07:00:00.000Z';
    const facts = { recommendationId: r2, code: 'R2', actionId, actionTitle: 'Uppsökande möten i Rinkeby', author: 'Sara Sekreterare', text: 'Glöm inte protokollet.' };
    const crashed = await startApp(db, { ...env(), SMTP_URL: 'smtp://127.0.0.1:1' });
    await crashed.get(CommentMails).beforeApplicationShutdown();
    await crashed
      .get(Database)
      .write((tx) =>
        tx.query('INSERT INTO comment_mails (id, recommendation_id, action_id, comment_id, recipient, facts, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)', [
          'comment-crashed-handlaggare.sfi@demo.local',
          r2,
          actionId,
          'crashed',
          'handlaggare.sfi@demo.local',
          JSON.stringify(facts),
          due,
        ]),
      );
    await crashed.close();

    // Started again, it sends the row by itself (its sweep at start).
    app = await startApp(db, env());
    const arrived = (text: string) => smtp.to('handlaggare.sfi@demo.local').filter((m) => m.parsed.text?.includes(text));
    await eventually(() => expect(arrived('Glöm inte protokollet.')).toHaveLength(1));
    await eventually(async () => expect((await row('crashed', 'handlaggare.sfi@demo.local'))?.sent_at).toEqual(expect.any(String)));
    expect(arrived('Glöm inte protokollet.')[0].parsed.subject).toBe('Ny kommentar på R2: Uppsökande möten i Rinkeby');
    expect(arrived('Glöm inte protokollet.')[0].parsed.text).toContain(`/rekommendationer/${r2}`);

    // Two instances sweeping the same row at once: each claims before it sends, so one mail.
    const second = await startApp(db, env());
    try {
      await app
        .get(Database)
        .write((tx) =>
          tx.query('INSERT INTO comment_mails (id, recommendation_id, action_id, comment_id, recipient, facts, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)', [
            'comment-twice-handlaggare.sfi@demo.local',
            r2,
            actionId,
            'twice',
            'handlaggare.sfi@demo.local',
            JSON.stringify({ ...facts, text: 'Bara en gång.' }),
            due,
          ]),
        );
      await Promise.all([app.get(CommentMails).sweepNow(), second.get(CommentMails).sweepNow(), app.get(CommentMails).sweepNow(), second.get(CommentMails).sweepNow()]);
      await eventually(() => expect(arrived('Bara en gång.')).toHaveLength(1));
      await eventually(async () => expect((await row('twice', 'handlaggare.sfi@demo.local'))?.sent_at).toEqual(expect.any(String)));
    } finally {
      await second.close();
    }
    expect(arrived('Bara en gång.')).toHaveLength(1);
    expect(arrived('Glöm inte protokollet.')).toHaveLength(1);
  });
});
