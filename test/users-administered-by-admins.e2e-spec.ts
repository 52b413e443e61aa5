import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import jwt from 'jsonwebtoken';
import { sessionIdOf } from '../src/auth/session-table';
import { Database } from '../src/event-store/database';
import { Projector } from '../src/projections/projector';
import { eventually } from './support/smtp-receiver';
import { api, bearer, demoTokens, login, startApp, TestDatabase } from './support/test-app';

jest.setTimeout(60_000);

const OLLE = 'olle.officer@stad.se';
const OLLE_PASSWORD = 'tre små grisar i skogen';
const LINK = /http:\/\/uppfoljning\.test\/losenord\/valj\?token=([A-Za-z0-9_-]+)/;
const ENDED = { statusCode: 401, error: 'Unauthorized', message: 'Your session has ended; sign in again' };

interface UserBody {
  id: string;
  email: string;
  name: string;
  role: string;
  unit: string | null;
  language: string;
  active: boolean;
  lastSignInAt: string | null;
}

describe('admins administer users through the API; every change is in the audit log with its reason', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let mailDir: string;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let olle: UserBody;

  const mailsTo = async (address: string) => {
    const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
    const parsed = await Promise.all(files.map((f) => simpleParser(readFileSync(join(mailDir, f)))));
    return parsed.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.text.toLowerCase().includes(address)));
  };
  const patch = (id: string, body: object, token = t.admin) => api(app).patch(`/api/v1/users/${id}`).set(bearer(token)).send(body);
  const eventsOf = async (id: string) =>
    (await api(app).get(`/api/v1/audit/events?streamId=user-${id}`).set(bearer(t.auditor)).expect(200)).body as Array<{ type: string; actor: { email: string }; reason: string | null; data: Record<string, unknown> }>;
  const allUsers = async (token: string, limit: number) => {
    const seen: UserBody[] = [];
    let after: string | undefined;
    let total = 0;
    for (let pages = 0; pages < 50; pages++) {
      const res = await api(app).get(`/api/v1/users?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`).set(bearer(token)).expect(200);
      total = Number(res.headers['x-total-count']);
      seen.push(...res.body);
      after = res.headers['x-next-after'];
      if (!after) break;
    }
    return { seen, total };
  };
  const fields = (body: { details?: Array<{ field: string }> }) => [...new Set((body.details ?? []).map((d) => d.field))];

  beforeAll(async () => {
    db = await TestDatabase.create();
    mailDir = mkdtempSync(join(tmpdir(), 'uppfoljning-users-mail-'));
    app = await startApp(db, { MAIL_DIR: mailDir, PUBLIC_BASE_URL: 'http://uppfoljning.test' });
    t = await demoTokens(app);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('an admin creates an officer of sfi (201); the officer gets a mail with a link, sets a password and signs in', async () => {
    const created = await api(app)
      .post('/api/v1/users')
      .set(bearer(t.admin))
      .set('Idempotency-Key', 'create-olle')
      .send({ email: 'Olle.Officer@stad.se', name: 'Olle Officer', role: 'officer', unit: 'sfi', reason: 'Ny handläggare på sfi' })
      .expect(201);
    olle = created.body;
    expect(olle).toEqual({
      id: expect.any(String),
      email: OLLE,
      name: 'Olle Officer',
      role: 'officer',
      unit: 'sfi',
      language: 'sv',
      active: true,
      lastSignInAt: null,
      // How the welcome went: here the mail is a file, written at once.
      passwordMail: expect.objectContaining({ purpose: 'welcome', status: 'sent', attempts: 1, problem: null }),
    });
    expect(created.headers.etag).toBe('"1"');

    // The same request again is the same user, and no second mail.
    const replay = await api(app)
      .post('/api/v1/users')
      .set(bearer(t.admin))
      .set('Idempotency-Key', 'create-olle')
      .send({ email: 'Olle.Officer@stad.se', name: 'Olle Officer', role: 'officer', unit: 'sfi', reason: 'Ny handläggare på sfi' })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(olle.id);
    expect(replay.body.passwordMail).toMatchObject({ status: 'sent', attempts: 1 });

    const [mail] = await eventually(async () => {
      const mails = await mailsTo(OLLE);
      expect(mails).toHaveLength(1);
      return mails;
    });
    // Without a password yet, no password signs in.
    await api(app).post('/api/v1/auth/login').send({ email: OLLE, password: OLLE_PASSWORD }).expect(401);
    const token = LINK.exec(mail.text ?? '')![1];
    await api(app).post('/api/v1/auth/password').send({ token, password: OLLE_PASSWORD }).expect(204);
    const me = await api(app).get('/api/v1/auth/me').set(bearer(await login(app, OLLE, OLLE_PASSWORD))).expect(200);
    expect(me.body).toMatchObject({ id: olle.id, role: 'officer', unit: 'sfi' });
  });

  it('the officer is in GET /users (admin, secretary, auditor; paged, with the last sign-in) and in /audit/events with the actor and the reason', async () => {
    const { seen, total } = await allUsers(t.secretary, 2);
    expect(total).toBe(7);
    expect(seen.map((u) => u.email)).toEqual([...seen.map((u) => u.email)].sort());
    expect(new Set(seen.map((u) => u.id)).size).toBe(7);
    const listed = seen.find((u) => u.email === OLLE)!;
    expect(listed).toMatchObject({ id: olle.id, role: 'officer', unit: 'sfi', active: true, lastSignInAt: expect.any(String) });
    expect((await allUsers(t.auditor, 100)).seen).toEqual(seen);
    const one = await api(app).get(`/api/v1/users/${olle.id}`).set(bearer(t.auditor)).expect(200);
    // One user is what the list says of them, and how their latest password link went.
    expect(one.body).toEqual({ ...listed, passwordMail: expect.objectContaining({ purpose: 'welcome', status: 'sent' }) });
    expect(one.headers.etag).toBe('"1"');

    for (const token of [t.sfiOfficer, t.sfiHead]) await api(app).get('/api/v1/users').set(bearer(token)).expect(403);
    await api(app).get(`/api/v1/users/${randomUUID()}`).set(bearer(t.admin)).expect(404);
    await api(app).get('/api/v1/users?after=bm90LWEtY3Vyc29y').set(bearer(t.admin)).expect(400);

    const [created] = await eventsOf(olle.id);
    expect(created).toMatchObject({ type: 'UserCreated', actor: { email: 'admin@demo.local' }, reason: 'Ny handläggare på sfi', data: { userId: olle.id, email: OLLE, role: 'officer', unit: 'sfi', source: 'admin' } });
    // A password is never history.
    expect(JSON.stringify(await eventsOf(olle.id))).not.toMatch(/password|scrypt/i);
  });

  it('only an admin creates or changes users; bad input is a 400 naming the field, an address taken a 409', async () => {
    const body = { email: 'ny@stad.se', name: 'Ny', role: 'officer', unit: 'sfi' };
    await api(app).post('/api/v1/users').set(bearer(t.secretary)).send(body).expect(403);
    await patch(olle.id, { name: 'X', reason: 'Försök' }, t.auditor).expect(403);
    expect(fields((await api(app).post('/api/v1/users').set(bearer(t.admin)).send({ ...body, unit: undefined }).expect(400)).body)).toEqual(['unit']);
    expect(fields((await api(app).post('/api/v1/users').set(bearer(t.admin)).send({ ...body, unit: 'okand' }).expect(400)).body)).toEqual(['unit']);
    expect(fields((await api(app).post('/api/v1/users').set(bearer(t.admin)).send({ ...body, role: 'chef', email: 'inte-en-adress' }).expect(400)).body).sort()).toEqual(['email', 'role']);
    expect((await api(app).post('/api/v1/users').set(bearer(t.admin)).send({ ...body, email: 'OLLE.officer@stad.se' }).expect(409)).body.message).toMatch(/already exists/);
    // The same address with its å typed as a and a ring is the same address: taken, not a second account that looks the same.
    const asa = 'åsa.öberg@stad.se';
    const created = await api(app).post('/api/v1/users').set(bearer(t.admin)).send({ ...body, email: asa }).expect(201);
    expect(created.body.email).toBe(asa);
    expect((await api(app).post('/api/v1/users').set(bearer(t.admin)).send({ ...body, role: 'admin', unit: undefined, email: asa.normalize('NFD') }).expect(409)).body.message).toMatch(/already exists/);
    const noReason = await patch(olle.id, { role: 'unit_head' }).expect(400);
    expect(fields(noReason.body)).toEqual(['reason']);
    expect(fields((await patch(olle.id, { role: 'unit_head', reason: '   ' }).expect(400)).body)).toEqual(['reason']);
    await patch(randomUUID(), { name: 'Ingen', reason: 'Finns inte' }).expect(404);
    expect(await eventsOf(olle.id)).toHaveLength(1);
  });

  it("a role change ends the officer's old token at once (401); the change is in the log with its reason", async () => {
    const old = await login(app, OLLE, OLLE_PASSWORD);
    await api(app).get('/api/v1/auth/me').set(bearer(old)).expect(200);
    await patch(olle.id, { role: 'unit_head', reason: 'Ny chef' }).set('If-Match', '"0"').expect(412);
    const changed = await patch(olle.id, { role: 'unit_head', reason: 'Ny chef' }).set('If-Match', '"1"').expect(200);
    expect(changed.body).toMatchObject({ id: olle.id, role: 'unit_head', unit: 'sfi', active: true, lastSignInAt: expect.any(String) });
    expect(changed.headers.etag).toBe('"2"');
    expect((await api(app).get('/api/v1/auth/me').set(bearer(old)).expect(401)).body).toEqual(ENDED);
    const again = await login(app, OLLE, OLLE_PASSWORD);
    expect((await api(app).get('/api/v1/auth/me').set(bearer(again)).expect(200)).body.role).toBe('unit_head');
    expect((await eventsOf(olle.id))[1]).toMatchObject({ type: 'UserChanged', actor: { email: 'admin@demo.local' }, reason: 'Ny chef', data: { userId: olle.id, role: 'unit_head' } });

    // A new name or language leaves the sessions alone; a change that changes nothing records nothing.
    await patch(olle.id, { name: 'Olle Chef', language: 'en', reason: 'Namnbyte' }).expect(200);
    await api(app).get('/api/v1/auth/me').set(bearer(again)).expect(200);
    const same = await patch(olle.id, { name: 'Olle Chef', role: 'unit_head', active: true, reason: 'Inget nytt' }).expect(200);
    expect(same.headers.etag).toBe('"3"');
    expect(await eventsOf(olle.id)).toHaveLength(3);
  });

  it('deactivation refuses the token at once and the password no longer signs in; reactivation lets the user in again', async () => {
    const token = await login(app, OLLE, OLLE_PASSWORD);
    const off = await patch(olle.id, { active: false, reason: 'Slutat' }).expect(200);
    expect(off.body.active).toBe(false);
    expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
    await api(app).post('/api/v1/auth/login').send({ email: OLLE, password: OLLE_PASSWORD }).expect(401);
    // Every session of theirs ended: this one says why.
    const [{ revoked_reason: why }] = await app.get(Database).query<{ revoked_reason: string }>('SELECT revoked_reason FROM sessions WHERE id = ?', [sessionIdOf((jwt.decode(token) as { jti: string }).jti)]);
    expect(why).toBe('deactivated');
    expect(await app.get(Database).query('SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL', [olle.id])).toEqual([]);
    expect((await eventsOf(olle.id)).slice(-1)[0]).toMatchObject({ type: 'UserDeactivated', reason: 'Slutat' });

    await patch(olle.id, { active: true, reason: 'Tillbaka' }).expect(200);
    await login(app, OLLE, OLLE_PASSWORD);
  });

  it('the last active admin can be neither deactivated nor given another role (409); with a second admin, one can', async () => {
    const me = (await api(app).get('/api/v1/auth/me').set(bearer(t.admin)).expect(200)).body;
    const refused = await patch(me.id, { active: false, reason: 'Prov' }).expect(409);
    expect(refused.body.message).toMatch(/last active admin/);
    await patch(me.id, { role: 'secretary', reason: 'Prov' }).expect(409);
    await patch(olle.id, { role: 'admin', unit: null, reason: 'Ny administratör' }).expect(200);
    await patch(me.id, { active: false, reason: 'Demokontot behövs inte' }).expect(200);
    await api(app).get('/api/v1/auth/me').set(bearer(t.admin)).expect(401);
    const olleAdmin = await login(app, OLLE, OLLE_PASSWORD);
    await patch(olle.id, { active: false, reason: 'Prov' }, olleAdmin).expect(409);
    await patch(me.id, { active: true, reason: 'Behövs igen' }, olleAdmin).expect(200);
    t.admin = await login(app, 'admin@demo.local');
  });

  it('a rebuild of the read models keeps every user as the events left them, and every password', async () => {
    const before = (await allUsers(t.admin, 100)).seen;
    await app.get(Projector).rebuild(['users']);
    const after = (await allUsers(t.admin, 100)).seen;
    expect(after).toEqual(before);
    await login(app, OLLE, OLLE_PASSWORD);
    await login(app, 'revisor@demo.local');
  });

  it('a user from before users had events gets a UserCreated (imported) at the next start, and signs in as before', async () => {
    const id = randomUUID();
    const [{ password_hash: hash }] = await app.get(Database).query<{ password_hash: string }>(
      "SELECT c.password_hash FROM user_credentials c JOIN users u ON u.id = c.user_id WHERE u.email = 'revisor@demo.local'",
    );
    await app.get(Database).write(async (tx) => {
      await tx.query("INSERT INTO users (id, email, name, role, unit, language, created_at) VALUES (?, 'gammal@stad.se', 'Gammal Användare', 'officer', 'utredning', 'sv', ?)", [id, '2011-01-01T00:00:00.000Z']);
      await tx.query('INSERT INTO user_credentials (user_id, password_hash) VALUES (?, ?)', [id, hash]);
    });
    await app.close();
    app = await startApp(db, { MAIL_DIR: mailDir, PUBLIC_BASE_URL: 'http://uppfoljning.test' });
    t = await demoTokens(app);
    const [created, ...rest] = await eventsOf(id);
    expect(rest).toEqual([]);
    expect(created).toMatchObject({ type: 'UserCreated', actor: { email: 'system@uppfoljning.local' }, data: { userId: id, email: 'gammal@stad.se', source: 'imported' } });
    await login(app, 'gammal@stad.se');
  });
});

describe('the demo accounts are made and ended through the users’ own commands', () => {
  it('a production start deactivates each with a UserDeactivated that says why, and a later start adds none', async () => {
    const db = await TestDatabase.create();
    const secret = { JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };
    try {
      const dev = await startApp(db, { NODE_ENV: 'development', ...secret });
      const made = await dev.get(Database).query<{ data: string }>("SELECT data FROM events WHERE type = 'UserCreated' ORDER BY position");
      expect(made.map((e) => JSON.parse(e.data).source)).toEqual(['seed', 'seed', 'seed', 'seed', 'seed', 'seed']);
      await dev.close();
      for (let start = 0; start < 2; start++) {
        const prod = await startApp(db, { NODE_ENV: 'production', SEED: 'true', ...secret });
        const ended = await prod.get(Database).query<{ metadata: string }>("SELECT metadata FROM events WHERE type = 'UserDeactivated'");
        expect(ended).toHaveLength(6);
        expect(new Set(ended.map((e) => JSON.parse(e.metadata).reason))).toEqual(new Set([expect.stringMatching(/NODE_ENV=production/)]));
        await prod.close();
      }
    } finally {
      await db.drop();
    }
  });
});
