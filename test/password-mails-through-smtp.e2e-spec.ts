import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PasswordLinks } from '../src/auth/password-links';
import { Database } from '../src/event-store/database';
import { eventually, SmtpReceiver } from './support/smtp-receiver';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

const userIdOf = async (app: INestApplication, email: string): Promise<string> =>
  (await app.get(Database).query<{ id: string }>('SELECT id FROM users WHERE email = ?', [email]))[0].id;

/** The user's page, as an admin reads it through the API. */
const shownUser = async (app: INestApplication, admin: string, email: string) =>
  (await api(app).get(`/api/v1/users/${await userIdOf(app, email)}`).set(bearer(admin)).expect(200)).body as {
    passwordMail: { purpose: string; status: string; attempts: number; problem: string | null; sentAt: string | null; failedAt: string | null; nextAttemptAt: string | null } | null;
  };

const newUser = (email: string, language: 'sv' | 'en') => ({ email, name: language === 'sv' ? 'Ny Användare' : 'New User', role: 'auditor', language });

describe('password links go out through SMTP, in the recipient’s language, and a mail that fails says so on the user’s page', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let smtp: SmtpReceiver;
  let admin: string;
  let logDir: string;
  const logFile = () => join(logDir, 'app.log');
  const logLines = () =>
    readFileSync(logFile(), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: string; msg?: string; to?: string; err?: { message?: string } });

  beforeAll(async () => {
    db = await TestDatabase.create();
    smtp = await SmtpReceiver.start({ refuse: ['revisor@demo.local', 'refused@stad.test', 'refused.web@stad.test'] });
    logDir = mkdtempSync(join(tmpdir(), 'uppfoljning-password-log-'));
    app = await startApp(db, { SMTP_URL: smtp.url, LOG_FILE: logFile(), MAIL_FROM: 'uppfoljning@stad.test' });
    admin = await login(app, 'admin@demo.local');
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('a reset link reaches the SMTP server, and the user’s page says when', async () => {
    await api(app).post('/api/v1/auth/password-reset').send({ email: 'sekreterare@demo.local' }).expect(202);
    const [mail] = await eventually(() => {
      const mails = smtp.to('sekreterare@demo.local');
      expect(mails).toHaveLength(1);
      return mails;
    });
    expect(mail.parsed.subject).toBe('Välj ett nytt lösenord till Uppföljning');
    expect(mail.parsed.from?.text).toBe('uppfoljning@stad.test');
    expect(mail.parsed.text).toMatch(/http:\/\/localhost:3000\/losenord\/valj\?token=[A-Za-z0-9_-]{43}\n/);
    await eventually(async () =>
      expect((await shownUser(app, admin, 'sekreterare@demo.local')).passwordMail).toMatchObject({ purpose: 'reset', status: 'sent', attempts: 1, problem: null }),
    );
  });

  it('a new user’s welcome says they have an account, in Swedish, or in English for a user whose language is en', async () => {
    const sv = await api(app).post('/api/v1/users').set(bearer(admin)).send(newUser('ny.svensk@stad.test', 'sv')).expect(201);
    const en = await api(app).post('/api/v1/users').set(bearer(admin)).send(newUser('new.english@stad.test', 'en')).expect(201);
    expect(sv.body.passwordMail).toMatchObject({ purpose: 'welcome', status: 'sent', attempts: 1 });
    expect(en.body.passwordMail).toMatchObject({ purpose: 'welcome', status: 'sent', attempts: 1 });
    const [svMail] = smtp.to('ny.svensk@stad.test');
    const [enMail] = smtp.to('new.english@stad.test');
    expect(svMail.parsed.subject).toBe('Välj ditt lösenord till Uppföljning');
    expect(svMail.parsed.text).toContain('Hej Ny Användare!');
    expect(svMail.parsed.text).toContain('Du har fått ett konto i Uppföljning');
    expect(svMail.parsed.text).toContain('gäller till');
    expect(enMail.parsed.subject).toBe('Choose your password for Follow-up');
    expect(enMail.parsed.text).toContain('You have been given an account in Follow-up');
    expect(enMail.parsed.html).toContain('<a href="http://localhost:3000/losenord/valj?token=');
  });

  it('a refused mail: the reset still answers 202, and the failure is on the user’s page and an error in the log; so is a new user’s', async () => {
    await api(app).post('/api/v1/auth/password-reset').send({ email: 'revisor@demo.local' }).expect(202);
    const shown = await eventually(async () => {
      const user = await shownUser(app, admin, 'revisor@demo.local');
      expect(user.passwordMail?.status).toBe('failed');
      return user;
    });
    expect(shown.passwordMail).toMatchObject({ purpose: 'reset', attempts: 1, sentAt: null });
    expect(shown.passwordMail?.problem).toMatch(/SMTP 550/);
    const failure = logLines().find((l) => l.msg === 'password reset link could not be mailed');
    expect(failure).toMatchObject({ level: 'error', to: 'revisor@demo.local' });
    expect(failure?.err?.message).toMatch(/SMTP 550/);
    expect(smtp.to('revisor@demo.local')).toHaveLength(0);

    const created = await api(app).post('/api/v1/users').set(bearer(admin)).send(newUser('refused@stad.test', 'sv')).expect(201);
    expect(created.body.passwordMail).toMatchObject({ purpose: 'welcome', status: 'failed', attempts: 1 });
    expect(created.body.passwordMail.problem).toMatch(/SMTP 550/);
    expect(logLines().some((l) => l.msg === 'password welcome link could not be mailed' && l.level === 'error')).toBe(true);
  });

  it('an admin who adds a user on the page is told the welcome could not be sent, and the user’s page says why', async () => {
    const web = await WebClient.signIn(app, 'admin@demo.local');
    const added = await web.post('/anvandare', { name: 'Avvisad Person', email: 'refused.web@stad.test', role: 'auditor', language: 'sv', reason: '' }, '/anvandare');
    expect(added.status).toBe(303);
    expect(added.location).toMatch(/\/anvandare\/[0-9a-f-]+\?klart=userCreatedMailFailed#main$/);
    const page = (await web.get(added.location!)).html;
    expect(page).toContain('Användaren är tillagd, men brevet om att välja lösenord kunde inte skickas: se nedan.');
    const line = /<dd id="password-mail"[^>]*>([\s\S]*?)<\/dd>/.exec(page)![1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(line).toMatch(/^ Välkomstbrev, begärd .+: kunde inte skickas .+ \(1 försök\) Orsak: .*SMTP 550.* Användaren kan be om en ny länk med ”Glömt lösenordet\?” på inloggningssidan\. $/);
  });
});

describe('an admin sends a user a new password link', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let smtp: SmtpReceiver;
  let admin: string;

  beforeAll(async () => {
    db = await TestDatabase.create();
    smtp = await SmtpReceiver.start({ refuse: ['revisor@demo.local'] });
    app = await startApp(db, { SMTP_URL: smtp.url, MAIL_FROM: 'uppfoljning@stad.test' });
    admin = await login(app, 'admin@demo.local');
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
  });

  it('through the API: a reset for a user with a password, a welcome for one without; refused, it says why; others may not', async () => {
    const secretary = await userIdOf(app, 'sekreterare@demo.local');
    const sent = await api(app).post(`/api/v1/users/${secretary}/password-link`).set(bearer(admin)).expect(202);
    expect(sent.body.passwordMail).toMatchObject({ purpose: 'reset', status: 'sent', attempts: 1 });
    expect(smtp.to('sekreterare@demo.local')).toHaveLength(1);

    const created = await api(app).post('/api/v1/users').set(bearer(admin)).send(newUser('utan.losenord@stad.test', 'sv')).expect(201);
    const again = await api(app).post(`/api/v1/users/${created.body.id}/password-link`).set(bearer(admin)).expect(202);
    expect(again.body.passwordMail).toMatchObject({ purpose: 'welcome', status: 'sent' });
    expect(smtp.to('utan.losenord@stad.test').map((m) => m.parsed.subject)).toEqual(['Välj ditt lösenord till Uppföljning', 'Välj ditt lösenord till Uppföljning']);

    const refused = await api(app).post(`/api/v1/users/${await userIdOf(app, 'revisor@demo.local')}/password-link`).set(bearer(admin)).expect(202);
    expect(refused.body.passwordMail).toMatchObject({ status: 'failed', problem: expect.stringMatching(/SMTP 550/) });

    await api(app).post(`/api/v1/users/${secretary}/password-link`).set(bearer(await login(app, 'sekreterare@demo.local'))).expect(403);
    await api(app).post('/api/v1/users/00000000-0000-4000-8000-000000000000/password-link').set(bearer(admin)).expect(404);
    await api(app).patch(`/api/v1/users/${created.body.id}`).set(bearer(admin)).send({ active: false, reason: 'Slutat' }).expect(200);
    const deactivated = await api(app).post(`/api/v1/users/${created.body.id}/password-link`).set(bearer(admin)).expect(409);
    expect(deactivated.body.message).toMatch(/deactivated/);
  });

  it('on the user’s page: the button mails the link and the page says it went', async () => {
    const web = await WebClient.signIn(app, 'admin@demo.local');
    const id = await userIdOf(app, 'chef.sfi@demo.local');
    const page = await web.get(`/anvandare/${id}`);
    expect(page.html).toContain('Skicka en ny lösenordslänk');
    const sent = await web.post(`/anvandare/${id}/losenordslank`, {}, `/anvandare/${id}`);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/anvandare/${id}?klart=passwordLinkSent#password-mail`);
    const after = (await web.get(sent.location!.split('#')[0])).html;
    expect(after).toContain('En ny lösenordslänk är skickad.');
    expect(/<dd id="password-mail"[^>]*>([\s\S]*?)<\/dd>/.exec(after)![1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).toMatch(/Länk för nytt lösenord, begärd .+: skickad /);
    expect(smtp.to('chef.sfi@demo.local')).toHaveLength(1);
  });
});

describe('a password link the mail server turns away for now (greylisting, a short outage) is tried again until it goes out, restart or not', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let smtp: SmtpReceiver;
  let admin: string;

  beforeAll(async () => {
    db = await TestDatabase.create();
    // The first two recipients are answered 451: try again later.
    smtp = await SmtpReceiver.start({ greylist: 2 });
    app = await startApp(db, { SMTP_URL: smtp.url, MAIL_FROM: 'uppfoljning@stad.test' });
    app.get(PasswordLinks).retryAfterMs = [200, 200, 200];
    admin = await login(app, 'admin@demo.local');
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
  });

  it('a reset link arrives, once, after the server has said to try again; a new user is not held up meanwhile, and their page says when it is tried next', async () => {
    await api(app).post('/api/v1/auth/password-reset').send({ email: 'revisor@demo.local' }).expect(202);
    await eventually(async () => expect((await shownUser(app, admin, 'revisor@demo.local')).passwordMail?.attempts).toBeGreaterThanOrEqual(1));
    const created = await api(app).post('/api/v1/users').set(bearer(admin)).send(newUser('ny@stad.test', 'sv')).expect(201);
    expect(created.body.passwordMail).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(created.body.passwordMail.problem).toMatch(/451/);
    expect(Date.parse(created.body.passwordMail.nextAttemptAt)).toBeGreaterThan(Date.now() - 1000);
    await eventually(() => {
      expect(smtp.to('revisor@demo.local')).toHaveLength(1);
      expect(smtp.to('ny@stad.test')).toHaveLength(1);
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(smtp.to('revisor@demo.local')).toHaveLength(1);
    expect(smtp.to('revisor@demo.local')[0].parsed.text).toMatch(/losenord\/valj\?token=/);
    await eventually(async () => expect((await shownUser(app, admin, 'ny@stad.test')).passwordMail).toMatchObject({ status: 'sent', attempts: 2, problem: null }));
  });

  it('a mail still waiting for its next try when the app stops is sent by the next start, with a link that works', async () => {
    const greylisting = await SmtpReceiver.start({ greylist: 1 });
    const first = await startApp(db, { SMTP_URL: greylisting.url, MAIL_FROM: 'uppfoljning@stad.test' });
    let second: INestApplication | undefined;
    try {
      first.get(PasswordLinks).retryAfterMs = [60_000];
      await api(first).post('/api/v1/auth/password-reset').send({ email: 'chef.sfi@demo.local' }).expect(202);
      const id = await userIdOf(first, 'chef.sfi@demo.local');
      await eventually(async () => expect((await first.get(Database).query<{ n: number }>('SELECT attempts AS n FROM password_mails WHERE user_id = ? AND last_error IS NOT NULL', [id])).length).toBe(1));
      // As if the minute had passed while the app was down (the first app's timer would have tried it then).
      await first.get(Database).write((tx) => tx.query('UPDATE password_mails SET next_attempt_at = ? WHERE user_id = ?', [new Date(Date.now() - 1000).toISOString(), id]));
      await first.close();
      expect(greylisting.to('chef.sfi@demo.local')).toHaveLength(0);

      second = await startApp(db, { SMTP_URL: greylisting.url, MAIL_FROM: 'uppfoljning@stad.test' });
      const [mail] = await eventually(() => {
        const mails = greylisting.to('chef.sfi@demo.local');
        expect(mails).toHaveLength(1);
        return mails;
      });
      const token = /token=([A-Za-z0-9_-]{43})/.exec(mail.parsed.text ?? '')![1];
      await api(second).post('/api/v1/auth/password').send({ token, password: 'en helt ny lösenfras' }).expect(204);
      await login(second, 'chef.sfi@demo.local', 'en helt ny lösenfras');
    } finally {
      await second?.close();
      await greylisting.close();
    }
  });
});
