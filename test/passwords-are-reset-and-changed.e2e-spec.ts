import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { PasswordLinks } from '../src/auth/password-links';
import { Database } from '../src/event-store/database';
import { eventually } from './support/smtp-receiver';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

const NEW_PASSWORD = 'tre små grisar i skogen';
const LINK = /http:\/\/uppfoljning\.test\/losenord\/valj\?token=([A-Za-z0-9_-]+)/;

describe('a forgotten password is reset through a mailed link, and a signed-in user changes theirs', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let mailDir: string;

  /** The mails written to `address`, parsed. */
  const mailsTo = async (address: string) => {
    const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
    const parsed = await Promise.all(files.map((f) => simpleParser(readFileSync(join(mailDir, f)))));
    return parsed.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.text.toLowerCase().includes(address)));
  };
  const tokenIn = (text: string | undefined): string => {
    const match = LINK.exec(text ?? '');
    if (!match) throw new Error(`No link in: ${text}`);
    return match[1];
  };
  const userId = async (email: string) => {
    const [row] = await app.get(Database).query<{ id: string }>('SELECT id FROM users WHERE email = ?', [email]);
    return row.id;
  };
  const problemFields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);

  beforeAll(async () => {
    db = await TestDatabase.create();
    mailDir = mkdtempSync(join(tmpdir(), 'uppfoljning-password-mail-'));
    app = await startApp(db, { MAIL_DIR: mailDir, PUBLIC_BASE_URL: 'http://uppfoljning.test' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('an existing and an unknown address get the same 202, and only the existing one gets a mail, in its owner’s language', async () => {
    const known = await api(app).post('/api/v1/auth/password-reset').send({ email: 'Handlaggare.SFI@demo.local' }).expect(202);
    const unknown = await api(app).post('/api/v1/auth/password-reset').send({ email: 'ingen.alls@demo.local' }).expect(202);
    expect(unknown.body).toEqual(known.body);
    expect(known.body.message).toMatch(/If the address has an account/);

    const [mail] = await eventually(async () => {
      const mails = await mailsTo('handlaggare.sfi@demo.local');
      expect(mails).toHaveLength(1);
      return mails;
    });
    expect(mail.subject).toBe('Välj ett nytt lösenord till Uppföljning');
    expect(mail.text).toMatch(/Länken fungerar en gång och gäller till/);
    expect(mail.html).toContain('href="http://uppfoljning.test/losenord/valj?token=');
    // The unknown address had as long to get one as the known one took.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await mailsTo('ingen.alls@demo.local')).toHaveLength(0);
    expect(readdirSync(mailDir).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
  });

  it('the link sets a password (204): the old session is 401 at once, the new password signs in, and the link works only once', async () => {
    const before = await login(app, 'handlaggare.sfi@demo.local');
    const [mail] = await mailsTo('handlaggare.sfi@demo.local');
    const token = tokenIn(mail.text);

    const short = await api(app).post('/api/v1/auth/password').send({ token, password: 'kort' }).expect(400);
    expect(problemFields(short.body)).toEqual(['password']);
    expect(short.body.message).toBe('The password must have at least 12 characters.');
    const common = await api(app).post('/api/v1/auth/password').send({ token, password: 'QWERTY123456' }).expect(400);
    expect(problemFields(common.body)).toEqual(['password']);
    // Refused passwords do not use the link up.
    await api(app).post('/api/v1/auth/password').send({ token, password: NEW_PASSWORD }).expect(204);

    await api(app).get('/api/v1/auth/me').set(bearer(before)).expect(401);
    await api(app).post('/api/v1/auth/login').send({ email: 'handlaggare.sfi@demo.local', password: 'demo-password' }).expect(401);
    await login(app, 'handlaggare.sfi@demo.local', NEW_PASSWORD);

    const again = await api(app).post('/api/v1/auth/password').send({ token, password: 'ett helt annat lösenord' }).expect(400);
    expect(problemFields(again.body)).toEqual(['token']);
    expect(again.body.message).toMatch(/unknown, has expired or has already been used/);
    await login(app, 'handlaggare.sfi@demo.local', NEW_PASSWORD);
  });

  it('an expired link, an unknown one, one replaced by a newer link and a deactivated user’s are 400 naming token', async () => {
    const links = app.get(PasswordLinks);
    const id = await userId('handlaggare.utredning@demo.local');
    const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

    const expired = tokenOf(await links.issue(id, 'reset'));
    await app.get(Database).write((tx) => tx.query('UPDATE password_tokens SET expires_at = ? WHERE user_id = ?', [new Date(Date.now() - 1000).toISOString(), id]));
    expect(problemFields((await api(app).post('/api/v1/auth/password').send({ token: expired, password: NEW_PASSWORD }).expect(400)).body)).toEqual(['token']);

    expect(problemFields((await api(app).post('/api/v1/auth/password').send({ token: 'inte-en-riktig-nyckel', password: NEW_PASSWORD }).expect(400)).body)).toEqual(['token']);

    const older = tokenOf(await links.issue(id, 'reset'));
    const newer = tokenOf(await links.issue(id, 'welcome'));
    await api(app).post('/api/v1/auth/password').send({ token: older, password: NEW_PASSWORD }).expect(400);

    await app.get(Database).write((tx) => tx.query('UPDATE users SET deactivated_at = ? WHERE id = ?', [new Date().toISOString(), id]));
    try {
      await api(app).post('/api/v1/auth/password').send({ token: newer, password: NEW_PASSWORD }).expect(400);
    } finally {
      await app.get(Database).write((tx) => tx.query('UPDATE users SET deactivated_at = NULL WHERE id = ?', [id]));
    }
    // Nothing of the above changed the password.
    await login(app, 'handlaggare.utredning@demo.local');
    await api(app).post('/api/v1/auth/password').send({ token: newer, password: NEW_PASSWORD }).expect(204);
    await login(app, 'handlaggare.utredning@demo.local', NEW_PASSWORD);
  });

  it('a link mailed before an admin deactivated the user does not work again once they are reactivated', async () => {
    const links = app.get(PasswordLinks);
    const id = await userId('chef.sfi@demo.local');
    const token = new URL(await links.issue(id, 'reset')).searchParams.get('token')!;
    const admin = await login(app, 'admin@demo.local');
    await api(app).patch(`/api/v1/users/${id}`).set(bearer(admin)).send({ active: false, reason: 'Slutar' }).expect(200);
    await api(app).patch(`/api/v1/users/${id}`).set(bearer(admin)).send({ active: true, reason: 'Börjar igen' }).expect(200);
    expect(problemFields((await api(app).post('/api/v1/auth/password').send({ token, password: NEW_PASSWORD }).expect(400)).body)).toEqual(['token']);
    await login(app, 'chef.sfi@demo.local');
  });

  it('a deactivated user asking for a link gets the same 202 and no mail', async () => {
    const id = await userId('revisor@demo.local');
    await app.get(Database).write((tx) => tx.query('UPDATE users SET deactivated_at = ? WHERE id = ?', [new Date().toISOString(), id]));
    try {
      await api(app).post('/api/v1/auth/password-reset').send({ email: 'revisor@demo.local' }).expect(202);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await mailsTo('revisor@demo.local')).toHaveLength(0);
    } finally {
      await app.get(Database).write((tx) => tx.query('UPDATE users SET deactivated_at = NULL WHERE id = ?', [id]));
    }
  });

  it('links are limited per address: the fourth within 15 minutes is 429 with Retry-After, known address or not', async () => {
    for (let i = 0; i < 3; i++) await api(app).post('/api/v1/auth/password-reset').send({ email: 'ingen.annan@demo.local' }).expect(202);
    const refused = await api(app).post('/api/v1/auth/password-reset').send({ email: 'ingen.annan@demo.local' }).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const invalidEmail = await api(app).post('/api/v1/auth/password-reset').send({ email: 'inte en adress' }).expect(400);
    expect(problemFields(invalidEmail.body)).toEqual(['email']);
  });

  it('a signed-in user changes their password with the current one (204), and every session of theirs ends', async () => {
    const token = await login(app, 'chef.sfi@demo.local');
    const wrong = await api(app).post('/api/v1/auth/me/password').set(bearer(token)).send({ currentPassword: 'fel-lösenord', newPassword: NEW_PASSWORD }).expect(400);
    expect(problemFields(wrong.body)).toEqual(['currentPassword']);
    const common = await api(app).post('/api/v1/auth/me/password').set(bearer(token)).send({ currentPassword: 'demo-password', newPassword: 'password1234' }).expect(400);
    expect(problemFields(common.body)).toEqual(['newPassword']);
    await api(app).post('/api/v1/auth/me/password').send({ currentPassword: 'demo-password', newPassword: NEW_PASSWORD }).expect(401);

    await api(app).post('/api/v1/auth/me/password').set(bearer(token)).send({ currentPassword: 'demo-password', newPassword: NEW_PASSWORD }).expect(204);
    await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401);
    await api(app).post('/api/v1/auth/login').send({ email: 'chef.sfi@demo.local', password: 'demo-password' }).expect(401);
    await login(app, 'chef.sfi@demo.local', NEW_PASSWORD);
  });
});

describe('with PASSWORD_LOGIN=false no password is reset, chosen or changed', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, {
      PASSWORD_LOGIN: 'false',
      // A provider that is never asked: these requests are refused before any sign-in starts.
      OIDC_ISSUER: 'http://127.0.0.1:9',
      OIDC_CLIENT_ID: 'uppfoljning',
      OIDC_CLIENT_SECRET: 'not-used-here',
      OIDC_REDIRECT_URL: 'http://127.0.0.1:9/api/v1/auth/oidc/callback',
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('the API answers 403 saying why, and the pages say it too', async () => {
    const reset = await api(app).post('/api/v1/auth/password-reset').send({ email: 'handlaggare.sfi@demo.local' }).expect(403);
    expect(reset.body.message).toMatch(/PASSWORD_LOGIN=false/);
    await api(app).post('/api/v1/auth/password').send({ token: 'x', password: NEW_PASSWORD }).expect(403);
    const page = await api(app).get('/losenord/glomt').expect(403);
    expect(page.text).toContain('PASSWORD_LOGIN=false');
    expect((await api(app).get('/logga-in').expect(200)).text).not.toContain('/losenord/glomt');
  });
});
