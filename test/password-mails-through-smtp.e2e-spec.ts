import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PasswordLinks } from '../src/auth/password-links';
import { Database } from '../src/event-store/database';
import { eventually, SmtpReceiver } from './support/smtp-receiver';
import { api, startApp, TestDatabase } from './support/test-app';

describe('password links go out through SMTP, in the recipient’s language, and a mail that fails is logged', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let smtp: SmtpReceiver;
  let logDir: string;
  const logFile = () => join(logDir, 'app.log');
  const logLines = () =>
    readFileSync(logFile(), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: string; msg?: string; to?: string; err?: { message?: string } });

  beforeAll(async () => {
    db = await TestDatabase.create();
    smtp = await SmtpReceiver.start({ refuse: ['revisor@demo.local', 'refused@stad.test'] });
    logDir = mkdtempSync(join(tmpdir(), 'uppfoljning-password-log-'));
    app = await startApp(db, { SMTP_URL: smtp.url, LOG_FILE: logFile(), MAIL_FROM: 'uppfoljning@stad.test' });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('a reset link reaches the SMTP server', async () => {
    await api(app).post('/api/v1/auth/password-reset').send({ email: 'sekreterare@demo.local' }).expect(202);
    const [mail] = await eventually(() => {
      const mails = smtp.to('sekreterare@demo.local');
      expect(mails).toHaveLength(1);
      return mails;
    });
    expect(mail.parsed.subject).toBe('Välj ett nytt lösenord till Uppföljning');
    expect(mail.parsed.from?.text).toBe('uppfoljning@stad.test');
    expect(mail.parsed.text).toMatch(/http:\/\/localhost:3000\/losenord\/valj\?token=[A-Za-z0-9_-]{43}\n/);
  });

  it('a new user’s welcome says they have an account, in Swedish, or in English for a user whose language is en', async () => {
    const [user] = await app.get(Database).query<{ id: string }>('SELECT id FROM users WHERE email = ?', ['chef.sfi@demo.local']);
    const links = app.get(PasswordLinks);
    await links.sendWelcome({ id: user.id, email: 'chef.sfi@demo.local', name: 'Chef för sfi', language: 'sv' });
    await links.sendWelcome({ id: user.id, email: 'chef.sfi@demo.local', name: 'Head of sfi', language: 'en' });
    const [sv, en] = smtp.to('chef.sfi@demo.local');
    expect(sv.parsed.subject).toBe('Välj ditt lösenord till Uppföljning');
    expect(sv.parsed.text).toContain('Hej Chef för sfi!');
    expect(sv.parsed.text).toContain('Du har fått ett konto i Uppföljning');
    expect(sv.parsed.text).toContain('gäller till');
    expect(en.parsed.subject).toBe('Choose your password for Follow-up');
    expect(en.parsed.text).toContain('You have been given an account in Follow-up');
    expect(en.parsed.html).toContain('<a href="http://localhost:3000/losenord/valj?token=');
  });

  it('a refused mail: the reset still answers 202 and the failure is an error in the log; a welcome that fails is thrown to its caller', async () => {
    await api(app).post('/api/v1/auth/password-reset').send({ email: 'revisor@demo.local' }).expect(202);
    const failure = await eventually(() => {
      const line = logLines().find((l) => l.msg === 'password reset link could not be mailed');
      expect(line).toBeDefined();
      return line!;
    });
    expect(failure).toMatchObject({ level: 'error', to: 'revisor@demo.local' });
    expect(failure.err?.message).toMatch(/SMTP 550/);
    expect(smtp.to('revisor@demo.local')).toHaveLength(0);

    await expect(app.get(PasswordLinks).sendWelcome({ id: 'no-such-user', email: 'refused@stad.test', name: 'Ny', language: 'sv' })).rejects.toThrow(/SMTP 550/);
    expect(logLines().some((l) => l.msg === 'password welcome link could not be mailed' && l.level === 'error')).toBe(true);
  });
});

describe('a password link the mail server turns away for now (greylisting, a short outage) is tried again until it goes out', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    db = await TestDatabase.create();
    // The first two recipients are answered 451: try again later.
    smtp = await SmtpReceiver.start({ greylist: 2 });
    app = await startApp(db, { SMTP_URL: smtp.url, MAIL_FROM: 'uppfoljning@stad.test' });
    app.get(PasswordLinks).retryAfterMs = [200, 200, 200];
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
  });

  it('a reset link arrives, once, after the server has said to try again; a welcome does not hold up the new user meanwhile', async () => {
    await api(app).post('/api/v1/auth/password-reset').send({ email: 'revisor@demo.local' }).expect(202);
    await expect(app.get(PasswordLinks).sendWelcome({ id: 'ny-anvandare', email: 'ny@stad.test', name: 'Ny', language: 'sv' })).resolves.toBeUndefined();
    await eventually(() => {
      expect(smtp.to('revisor@demo.local')).toHaveLength(1);
      expect(smtp.to('ny@stad.test')).toHaveLength(1);
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(smtp.to('revisor@demo.local')).toHaveLength(1);
    expect(smtp.to('revisor@demo.local')[0].parsed.text).toMatch(/losenord\/valj\?token=/);
  });
});
