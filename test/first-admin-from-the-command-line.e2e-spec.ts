import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testSigningKeyFile } from './support/signing-key';
import { runCli, type CliRun } from './support/cli';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

const STRONG_SECRET = 'a-production-secret-of-more-than-32-characters-0123456789';
const LINK = /^http:\/\/uppfoljning\.test\/losenord\/valj\?token=([A-Za-z0-9_-]+)$/m;

describe('the first admin of a new installation is made from the command line, in production', () => {
  let db: TestDatabase;
  let app: INestApplication | undefined;
  let mailDir: string;

  /** `npm run admin -- …` in production, on the test's database. */
  const admin = (args: string[], env: Record<string, string> = {}) =>
    runCli('admin', args, {
      ...process.env,
      NODE_ENV: 'production',
      AUDIT_SIGNING_KEY_FILE: testSigningKeyFile(),
      JWT_SECRET: STRONG_SECRET,
      DATABASE_URL: db.url,
      REDIS_PREFIX: db.redisPrefix,
      MAIL_DIR: mailDir,
      PUBLIC_BASE_URL: 'http://uppfoljning.test',
      ...env,
    });
  const tokenIn = (run: CliRun): string => {
    const match = LINK.exec(run.stdout);
    if (!match) throw new Error(`No link printed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    return match[1];
  };

  beforeAll(async () => {
    db = await TestDatabase.create();
    mailDir = mkdtempSync(join(tmpdir(), 'uppfoljning-admin-mail-'));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('wrong arguments print the usage in Swedish and English and exit 2', async () => {
    const none = await admin([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Användning / Usage:');
    expect(none.stderr).toContain('npm run admin -- create-admin --email');
    const badEmail = await admin(['create-admin', '--email', 'inte-en-adress', '--name', 'Ada']);
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toContain('--email needs an email address');
    const twice = await admin(['create-admin', '--email', 'ada@stad.test', '--email', 'eve@stad.test', '--name', 'Ada']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--email is given once');
    const unknownOption = await admin(['create-admin', '--email', 'ada@stad.test', '--name', 'Ada', '--role', 'auditor']);
    expect(unknownOption.code).toBe(2);
  });

  it('refuses to run in production with a weak JWT_SECRET, saying which setting to change', async () => {
    const weak = await admin(['create-admin', '--email', 'ada@stad.test', '--name', 'Ada Admin'], { JWT_SECRET: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('JWT_SECRET must be at least 32 characters in production');
  });

  it('on an empty database it makes an admin and prints a link that sets the password; then the admin signs in', async () => {
    const run = await admin(['create-admin', '--email', 'Ada.Admin@stad.test', '--name', 'Ada Admin']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The admin Ada Admin <ada.admin@stad.test> has been created.');
    const token = tokenIn(run);

    app = await startApp(db, { NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, MAIL_DIR: mailDir, PUBLIC_BASE_URL: 'http://uppfoljning.test' });
    // No password yet: nobody can sign in until the link is used.
    await api(app).post('/api/v1/auth/login').send({ email: 'ada.admin@stad.test', password: 'vilket lösenord som helst' }).expect(401);
    await api(app).post('/api/v1/auth/password').send({ token, password: 'ett långt lösenord för ada' }).expect(204);
    const signedIn = await login(app, 'ada.admin@stad.test', 'ett långt lösenord för ada');
    const me = await api(app).get('/api/v1/auth/me').set(bearer(signedIn)).expect(200);
    expect(me.body).toMatchObject({ email: 'ada.admin@stad.test', name: 'Ada Admin', role: 'admin', unit: null, language: 'sv' });
    // Made by the system from the command line, as an event in the log.
    const events = await api(app).get('/api/v1/audit/events').set(bearer(signedIn)).expect(200);
    const created = (events.body as Array<{ type: string; data: { email?: string; source?: string } }>).find((e) => e.type === 'UserCreated' && e.data.email === 'ada.admin@stad.test');
    expect(created?.data.source).toBe('cli');
  });

  it('run again with the same address it says the admin exists and prints a fresh link; the older link stops working', async () => {
    const first = await admin(['create-admin', '--email', 'ada.admin@stad.test', '--name', 'Ada Admin']);
    const second = await admin(['create-admin', '--email', 'ada.admin@stad.test', '--name', 'Ada Admin']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('The admin ada.admin@stad.test already exists.');
    await api(app!).post('/api/v1/auth/password').send({ token: tokenIn(first), password: 'ännu ett långt lösenord' }).expect(400);
    await api(app!).post('/api/v1/auth/password').send({ token: tokenIn(second), password: 'ännu ett långt lösenord' }).expect(204);
    await login(app!, 'ada.admin@stad.test', 'ännu ett långt lösenord');
  });

  it('refuses (exit 1) an address that belongs to a user who is not an admin: the command line changes no roles', async () => {
    const ada = await login(app!, 'ada.admin@stad.test', 'ännu ett långt lösenord');
    await api(app!).post('/api/v1/users').set(bearer(ada)).send({ email: 'olle.officer@stad.test', name: 'Olle Officer', role: 'officer', unit: 'sfi' }).expect(201);
    const run = await admin(['create-admin', '--email', 'olle.officer@stad.test', '--name', 'Olle Officer']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('A user with olle.officer@stad.test exists but is not an active admin');
    expect(run.stdout).not.toMatch(LINK);
  });
});
