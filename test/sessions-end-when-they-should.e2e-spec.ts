import type { INestApplication } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { findSessionsWithUsers, sessionIdOf } from '../src/auth/session-table';
import { Sessions } from '../src/auth/sessions';
import { Users } from '../src/auth/users';
import { UserAccounts } from '../src/users/user-accounts';
import { Database } from '../src/event-store/database';
import { CookieJar } from './support/cookie-jar';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

/** The JWT_SECRET every app without one uses: what someone who read the source could sign with. */
const DEV_SECRET = 'dev-only-secret-change-me';
const ENDED = { statusCode: 401, error: 'Unauthorized', message: 'Your session has ended; sign in again' };

/** A browser without a browser, as Chromium would keep cookies; it signs in for the recommendations page. */
class WebClient extends CookieJar {
  get sessionToken(): string {
    return decodeURIComponent(this.cookies.get('uf_session') ?? '');
  }

  signIn(email: string, password = 'demo-password') {
    return super.signIn(email, password, '/rekommendationer');
  }
}

describe('sessions end when they should', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let users: Users;
  let accounts: UserAccounts;
  let r2: string;

  /** Acts as the user-admin would (or an admin with SQL): straight on the database the app uses. */
  const sql = (statement: string, params: unknown[]) => app.get(Database).write((tx) => tx.query(statement, params));
  const newOfficer = async (unit = 'sfi') => {
    const email = `officer-${randomUUID().slice(0, 8)}@demo.local`;
    const user = await accounts.create({ email, name: 'Ny Handläggare', role: 'officer', unit, language: 'sv', password: 'a-long-password-1' });
    return { ...user, password: 'a-long-password-1' };
  };
  const review = (title: string) => ({ title, reviewer: 'Stadsrevisionen', reviewedOn: '2012-01-15', committee: 'Arbetsmarknadsnämnden' });
  const reviewCount = async () => {
    const auditor = await login(app, 'revisor@demo.local');
    return (await api(app).get('/api/v1/reviews').set(bearer(auditor)).expect(200)).body.length as number;
  };
  const historyLength = async () => {
    const secretary = await login(app, 'sekreterare@demo.local');
    return (await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(secretary)).expect(200)).body.length as number;
  };

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db);
    users = app.get(Users);
    accounts = app.get(UserAccounts);
    const secretary = await login(app, 'sekreterare@demo.local');
    const list = await api(app).get('/api/v1/recommendations').set(bearer(secretary)).expect(200);
    r2 = list.body.find((r: { code: string }) => r.code === 'R2').id;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('on the API', () => {
    it('GET /auth/me shows the signed-in user as the sign-in did, and as the users table says now', async () => {
      const signedIn = await api(app).post('/api/v1/auth/login').send({ email: 'chef.sfi@demo.local', password: 'demo-password' }).expect(200);
      const token = signedIn.body.accessToken as string;
      const me = await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(200);
      expect(me.body).toEqual(signedIn.body.user);
      expect(me.body).toEqual({ id: expect.any(String), email: 'chef.sfi@demo.local', name: expect.any(String), role: 'unit_head', unit: 'sfi', language: 'sv' });

      await sql('UPDATE users SET name = ?, language = ? WHERE id = ?', ['Chef för sfi (ny)', 'en', me.body.id]);
      const now = await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(200);
      expect(now.body).toMatchObject({ name: 'Chef för sfi (ny)', language: 'en', role: 'unit_head', unit: 'sfi' });
    });

    it('after POST /auth/logout (204) the same bearer is 401, while the user’s other session goes on', async () => {
      const token = await login(app, 'revisor@demo.local');
      const other = await login(app, 'revisor@demo.local');
      await api(app).get('/api/v1/reviews').set(bearer(token)).expect(200);
      const out = await api(app).post('/api/v1/auth/logout').set(bearer(token)).expect(204);
      expect(out.text).toBe('');
      const refused = await api(app).get('/api/v1/reviews').set(bearer(token)).expect(401);
      expect(refused.body).toEqual(ENDED);
      await api(app).post('/api/v1/auth/logout').set(bearer(token)).expect(401);
      await api(app).get('/api/v1/auth/me').set(bearer(other)).expect(200);
    });

    // On PostgreSQL the lookups of requests that arrive together are one statement (sessions.ts): each still gets its own answer.
    it('requests that arrive together are each answered for their own session: the ended ones among them are refused, the rest go on', async () => {
      const emails = ['revisor@demo.local', 'sekreterare@demo.local', 'chef.sfi@demo.local', 'handlaggare.sfi@demo.local'];
      const sessions = await Promise.all([...emails, ...emails].map(async (email) => ({ email, token: await login(app, email) })));
      const ended = new Set([sessions[1].token, sessions[6].token]);
      for (const token of ended) await api(app).post('/api/v1/auth/logout').set(bearer(token)).expect(204);
      const answers = await Promise.all([...sessions, ...sessions].map(({ token }) => api(app).get('/api/v1/auth/me').set(bearer(token))));
      expect(answers.map((res) => (res.status === 200 ? res.body.email : res.status))).toEqual([...sessions, ...sessions].map(({ email, token }) => (ended.has(token) ? 401 : email)));
    });

    it('a deactivated user’s token is 401 at once, and they can no longer sign in', async () => {
      const officer = await newOfficer();
      const token = await login(app, officer.email, officer.password);
      await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(200);
      expect(await accounts.deactivate(officer.id)).toBe(true);
      expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
      const signIn = await api(app).post('/api/v1/auth/login').send({ email: officer.email, password: officer.password }).expect(401);
      expect(signIn.body.message).toBe('Wrong email or password');
    });

    it('a user an admin demoted with SQL is refused with the token of the role she had, and writes nothing', async () => {
      const secretaryUser = await accounts.create(
        { email: `sekr-${randomUUID().slice(0, 8)}@demo.local`, name: 'Tillfällig sekreterare', role: 'secretary', unit: null, language: 'sv', password: 'a-long-password-2' },
      );
      const token = await login(app, secretaryUser.email, 'a-long-password-2');
      await api(app).get('/api/v1/reviews').set(bearer(token)).expect(200);
      await sql('UPDATE users SET role = ? WHERE id = ?', ['auditor', secretaryUser.id]);
      const before = await historyLength();
      const refused = await api(app).post(`/api/v1/recommendations/${r2}/decision`).set(bearer(token)).send({ decision: 'accepted', reason: 'Ja' }).expect(401);
      expect(refused.body).toEqual(ENDED);
      expect(await historyLength()).toBe(before);
      // Signing in again gives her the role she has now.
      const again = await login(app, secretaryUser.email, 'a-long-password-2');
      expect((await api(app).get('/api/v1/auth/me').set(bearer(again)).expect(200)).body.role).toBe('auditor');
    });

    it('a user moved to another unit is 401 with the old token, and the session records why it ended', async () => {
      const officer = await newOfficer('sfi');
      const token = await login(app, officer.email, officer.password);
      const moved = await accounts.changeRoleAndUnit(officer.id, 'officer', 'utredning');
      expect(moved).toMatchObject({ role: 'officer', unit: 'utredning' });
      expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
      const rows = await app.get(Database).query<{ revoked_reason: string }>('SELECT revoked_reason FROM sessions WHERE user_id = ?', [officer.id]);
      expect(rows.map((r) => r.revoked_reason)).toEqual(['unit_changed']);
      const again = await login(app, officer.email, officer.password);
      expect((await api(app).get('/api/v1/auth/me').set(bearer(again)).expect(200)).body.unit).toBe('utredning');
    });

    it('a unit moved with SQL alone (no revocation) is refused too', async () => {
      const officer = await newOfficer('sfi');
      const token = await login(app, officer.email, officer.password);
      await sql('UPDATE users SET unit = ? WHERE id = ?', ['utredning', officer.id]);
      expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
    });

    it('a changed password ends the other sessions; the new password signs in, the old one no longer does', async () => {
      const officer = await newOfficer();
      const laptop = await login(app, officer.email, officer.password);
      const phone = await login(app, officer.email, officer.password);
      expect(await users.changePassword(officer.id, 'a-brand-new-password')).toBe(true);
      for (const token of [laptop, phone]) expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
      await api(app).post('/api/v1/auth/login').send({ email: officer.email, password: officer.password }).expect(401);
      await api(app).get('/api/v1/auth/me').set(bearer(await login(app, officer.email, 'a-brand-new-password'))).expect(200);
    });

    it('a sign-in with the old password that overlaps the change gets no session that outlives it', async () => {
      const officer = await newOfficer();
      // Sign-ins with the old password every 25 ms, the change in among them: those whose check read the old hash
      // before the change but wrote their session after it were sessions the change did not end.
      const attempts: Array<Promise<{ status: number; body: { accessToken?: string } }>> = [];
      let changed: Promise<boolean> | null = null;
      for (let i = 0; i < 16; i++) {
        attempts.push(api(app).post('/api/v1/auth/login').send({ email: officer.email, password: officer.password }).then((r) => ({ status: r.status, body: r.body })));
        if (i === 3) changed = users.changePassword(officer.id, 'a-brand-new-password');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await changed).toBe(true);
      const tokens = (await Promise.all(attempts)).flatMap((a) => (a.status === 200 && a.body.accessToken ? [a.body.accessToken] : []));
      const stillIn = [];
      for (const token of tokens) if ((await api(app).get('/api/v1/auth/me').set(bearer(token))).status === 200) stillIn.push(token);
      expect(stillIn).toEqual([]);
      // And without the timing: a session is not written for a hash that is no longer the user's.
      const stale = (await users.findByEmail(officer.email))!;
      await users.changePassword(officer.id, 'yet-another-new-password');
      await expect(app.get(Sessions).open(stale, stale.passwordHash!)).rejects.toThrow('Wrong email or password');
    });

    it('a password changed with SQL alone ends sessions opened before it', async () => {
      const officer = await newOfficer();
      const token = await login(app, officer.email, officer.password);
      await sql('UPDATE user_credentials SET password_changed_at = ? WHERE user_id = ?', [new Date(Date.now() + 1000).toISOString(), officer.id]);
      expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
    });

    it('ending all of a user’s sessions (an account thought misused) refuses every token of theirs and no one else’s', async () => {
      const officer = await newOfficer();
      const tokens = [await login(app, officer.email, officer.password), await login(app, officer.email, officer.password)];
      const colleague = await login(app, 'handlaggare.sfi@demo.local');
      await app.get(Sessions).endAllOf(officer.id, 'signed_out');
      for (const token of tokens) expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
      await api(app).get('/api/v1/auth/me').set(bearer(colleague)).expect(200);
      await api(app).get('/api/v1/auth/me').set(bearer(await login(app, officer.email, officer.password))).expect(200);
    });

    it('a token whose user row was deleted is 401', async () => {
      const officer = await newOfficer();
      const token = await login(app, officer.email, officer.password);
      await sql('DELETE FROM users WHERE id = ?', [officer.id]);
      expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
    });

    it('a token whose session is past its expiry is 401, even while the token itself has not expired', async () => {
      const token = await login(app, 'handlaggare.utredning@demo.local');
      const { jti } = jwt.decode(token) as { jti: string };
      await sql('UPDATE sessions SET expires_at = ? WHERE id = ?', [new Date(Date.now() - 1000).toISOString(), createHash('sha256').update(jti).digest('hex')]);
      expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
    });

    it('refuses a token without exp, even one carrying a live session’s handle, a forged jti, an old-style token and another secret', async () => {
      const token = await login(app, 'handlaggare.sfi@demo.local');
      const claims = jwt.decode(token) as { sub: string; jti: string; exp: number };
      expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
      const hour = Math.floor(Date.now() / 1000) + 3600;
      const forged = {
        'no exp, live jti': jwt.sign({ sub: claims.sub, jti: claims.jti }, DEV_SECRET, { algorithm: 'HS256' }),
        'forged jti': jwt.sign({ sub: claims.sub, jti: 'made-up-by-an-attacker', exp: hour }, DEV_SECRET, { algorithm: 'HS256' }),
        'live jti, another user': jwt.sign({ sub: randomUUID(), jti: claims.jti, exp: hour }, DEV_SECRET, { algorithm: 'HS256' }),
        'old style: claims, no jti': jwt.sign({ sub: claims.sub, email: 'handlaggare.sfi@demo.local', role: 'admin', unit: null, exp: hour }, DEV_SECRET, { algorithm: 'HS256' }),
        'another secret': jwt.sign({ sub: claims.sub, jti: claims.jti, exp: hour }, 'someone-elses-secret', { algorithm: 'HS256' }),
        'expired': jwt.sign({ sub: claims.sub, jti: claims.jti, exp: Math.floor(Date.now() / 1000) - 60 }, DEV_SECRET, { algorithm: 'HS256' }),
      };
      for (const [what, forgedToken] of Object.entries(forged)) {
        const res = await api(app).get('/api/v1/auth/me').set(bearer(forgedToken));
        expect({ what, status: res.status, error: res.body.error }).toEqual({ what, status: 401, error: 'Unauthorized' });
      }
      // The real token still works: none of the above touched its session.
      await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(200);
    });

    it('an unknown address, a wrong password and a deactivated account get the same status and the same words', async () => {
      const officer = await newOfficer();
      await accounts.deactivate(officer.id);
      const answers = await Promise.all(
        [
          { email: 'nobody-here@demo.local', password: 'demo-password' },
          { email: 'sekreterare@demo.local', password: 'not-the-password' },
          { email: officer.email, password: officer.password },
        ].map(async (body) => {
          const res = await api(app).post('/api/v1/auth/login').send(body);
          return { status: res.status, body: res.body };
        }),
      );
      expect(answers[0]).toEqual({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Wrong email or password' } });
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    });
  });

  describe('on the web', () => {
    it('signing out ends the session: the old cookie leads to the sign-in page, and its token as a bearer is 401', async () => {
      const browser = new WebClient(app);
      expect((await browser.signIn('handlaggare.sfi@demo.local')).status).toBe(303);
      const cookieOfThen = browser.header;
      const token = browser.sessionToken;
      expect((await browser.get('/rekommendationer')).status).toBe(200);
      await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(200);

      const out = await browser.post('/logga-ut', { _csrf: await browser.formToken('/rekommendationer') });
      expect(out.status).toBe(303);
      expect(out.headers.location).toBe('/logga-in?klart=signedOut');
      expect(browser.cookies.has('uf_session')).toBe(false);

      const replayed = await api(app).get('/rekommendationer').set('Cookie', cookieOfThen);
      expect(replayed.status).toBe(303);
      // The sign-in page says the session ended (issue #12: expired sessions do not lose work).
      expect(replayed.headers.location).toBe('/logga-in?next=%2Frekommendationer&orsak=session');
      expect((await api(app).get('/api/v1/auth/me').set(bearer(token)).expect(401)).body).toEqual(ENDED);
    });

    it('a demoted user’s cookie leads to the sign-in page, and signing in again shows her new role', async () => {
      const user = await accounts.create(
        { email: `sekr-${randomUUID().slice(0, 8)}@demo.local`, name: 'Webbsekreterare', role: 'secretary', unit: null, language: 'sv', password: 'a-long-password-3' },
      );
      const browser = new WebClient(app);
      await browser.signIn(user.email, 'a-long-password-3');
      expect((await browser.get(`/rekommendationer/${r2}`)).text).toContain('Registrera nämndens beslut');
      await sql('UPDATE users SET role = ? WHERE id = ?', ['auditor', user.id]);
      const page = await browser.get(`/rekommendationer/${r2}`);
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe(`/logga-in?next=${encodeURIComponent(`/rekommendationer/${r2}`)}&orsak=session`);
      expect(browser.cookies.has('uf_session')).toBe(false);
      await browser.signIn(user.email, 'a-long-password-3');
      const again = await browser.get(`/rekommendationer/${r2}`);
      expect(again.status).toBe(200);
      expect(again.text).not.toContain('Registrera nämndens beslut');
    });

    it('a form posted with the session’s own token is written; after signing out and in again, the old page’s token is 403 and writes nothing', async () => {
      const browser = new WebClient(app);
      await browser.signIn('sekreterare@demo.local');
      const oldToken = await browser.formToken('/granskningar');
      await browser.post('/logga-ut', { _csrf: oldToken });
      await browser.signIn('sekreterare@demo.local');
      const before = await reviewCount();
      const refused = await browser.post('/granskningar', { ...review('Med en gammal sidas token'), _csrf: oldToken });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('Formuläret hade gått ut');
      expect(await reviewCount()).toBe(before);

      const written = await browser.post('/granskningar', { ...review('Med sidans egen token'), _csrf: await browser.formToken('/granskningar') });
      expect(written.status).toBe(303);
      expect(await reviewCount()).toBe(before + 1);
    });

    it('a form token taken from another session is 403 and writes nothing, though the same user is signed in to both', async () => {
      const mine = new WebClient(app);
      const theirs = new WebClient(app);
      await mine.signIn('sekreterare@demo.local');
      await theirs.signIn('sekreterare@demo.local');
      const theirToken = await theirs.formToken('/granskningar');
      const before = await reviewCount();
      const refused = await mine.post('/granskningar', { ...review('Med någon annans token'), _csrf: theirToken });
      expect(refused.status).toBe(403);
      expect(await reviewCount()).toBe(before);
      // Nor does it help to carry the other session's nonce cookie along with one's own session.
      const mixed = await api(app)
        .post('/granskningar')
        .set('Cookie', `uf_csrf=${theirs.cookies.get('uf_csrf')}; uf_session=${mine.cookies.get('uf_session')}`)
        .type('form')
        .send({ ...review('Med blandade kakor'), _csrf: theirToken });
      expect(mixed.status).toBe(403);
      expect(await reviewCount()).toBe(before);
      // In the session it came from, the token is good.
      expect((await theirs.post('/granskningar', { ...review('I rätt session'), _csrf: theirToken })).status).toBe(303);
      expect(await reviewCount()).toBe(before + 1);
    });

    it('signing out with a session that has already ended leads to the sign-in page, not an error', async () => {
      const browser = new WebClient(app);
      await browser.signIn('revisor@demo.local');
      const token = await browser.formToken('/rekommendationer');
      await api(app).post('/api/v1/auth/logout').set(bearer(browser.sessionToken)).expect(204);
      const out = await browser.post('/logga-ut', { _csrf: token });
      expect(out.status).toBe(303);
      expect(out.headers.location).toBe('/logga-in');
      expect(browser.cookies.has('uf_session')).toBe(false);
    });

    it('an unknown address and a wrong password get the same page', async () => {
      const unknown = new WebClient(app);
      const wrong = new WebClient(app);
      const a = await unknown.signIn('nobody-here@demo.local');
      const b = await wrong.signIn('sekreterare@demo.local', 'not-the-password');
      expect([a.status, b.status]).toEqual([401, 401]);
      const message = (html: string) => /<div class="error-box" role="alert" tabindex="-1" autofocus><p>([^<]*)<\/p>/.exec(html)?.[1];
      expect(message(a.text)).toBe('Fel e-postadress eller lösenord.');
      expect(message(b.text)).toBe(message(a.text));
    });
  });
});

/**
 * On PostgreSQL the requests of one turn of the event loop look their sessions up in one
 * statement (sessions.ts): over PostgreSQL whatever TEST_DATABASE says, since that is
 * the only database it runs on.
 */
describe('several sessions looked up in one statement', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create('postgres');
    app = await startApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers each id in its place: the same session twice, another user’s, and none for an id no session has', async () => {
    const idOf = (token: string) => sessionIdOf((jwt.decode(token) as { jti: string }).jti);
    const auditor = idOf(await login(app, 'revisor@demo.local'));
    const secretary = idOf(await login(app, 'sekreterare@demo.local'));
    const found = await findSessionsWithUsers(app.get(Database), [auditor, secretary, auditor, 'f'.repeat(64)]);
    expect(found.map((row) => row?.email)).toEqual(['revisor@demo.local', 'sekreterare@demo.local', 'revisor@demo.local', undefined]);
  });
});
