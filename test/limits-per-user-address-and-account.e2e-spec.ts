import type { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import Redis from 'ioredis';
import { CookieJar } from './support/cookie-jar';
import { PrivateRedis } from './support/private-redis';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

const statuses = async (requests: Array<() => Promise<Response>>): Promise<number[]> => {
  const result: number[] = [];
  for (const request of requests) result.push((await request()).status);
  return result;
};

/** A 429 tells the client when to try again: Retry-After in whole seconds, within the limit's window. */
function expectRetryAfter(res: Response, maxSeconds: number): void {
  expect(res.status).toBe(429);
  const seconds = Number(res.headers['retry-after']);
  expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= maxSeconds).toBe(true);
}

describe('one signed-in user may make RATE_LIMIT_PER_MINUTE requests, API and web pages together', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { RATE_LIMIT_PER_MINUTE: '6' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('counts her API calls and her page views in one budget; past it both are 429, and a colleague goes on', async () => {
    const token = await login(app, 'sekreterare@demo.local');
    const web = new CookieJar(app);
    expect((await web.signIn('sekreterare@demo.local')).status).toBe(303);
    expect(
      await statuses([
        () => api(app).get('/api/v1/reviews').set(bearer(token)),
        () => web.get('/rekommendationer'),
        () => api(app).get('/api/v1/recommendations').set(bearer(token)),
        () => web.get('/granskningar'),
        () => api(app).get('/api/v1/reviews').set(bearer(token)),
        () => web.get('/rekommendationer'),
      ]),
    ).toEqual([200, 200, 200, 200, 200, 200]);

    const page = await web.get('/rekommendationer');
    expectRetryAfter(page, 60);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<html');
    const call = await api(app).get('/api/v1/reviews').set(bearer(token));
    expectRetryAfter(call, 60);
    expect(call.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });

    const auditor = await login(app, 'revisor@demo.local');
    await api(app).get('/api/v1/reviews').set(bearer(auditor)).expect(200);
    const colleague = new CookieJar(app);
    expect((await colleague.signIn('chef.sfi@demo.local')).status).toBe(303);
    expect((await colleague.get('/rekommendationer')).status).toBe(200);
  });
});

describe('requests without a session are limited per client address (ANON_RATE_LIMIT_PER_MINUTE)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  // Behind a trusted proxy on loopback, X-Forwarded-For names the client.
  const from = (address: string) => ({ 'X-Forwarded-For': address });

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { ANON_RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('public pages, sign-in forms and API calls without a token share the address budget; health checks and signed-in users are not held by it', async () => {
    const signIn = await api(app).post('/api/v1/auth/login').set(from('203.0.113.10')).send({ email: 'revisor@demo.local', password: 'demo-password' }).expect(200);
    const token = signIn.body.accessToken as string;
    const anonymous = new CookieJar(app);
    expect(
      await statuses([
        () => anonymous.get('/oppet', from('203.0.113.10')),
        () => anonymous.get('/logga-in', from('203.0.113.10')),
        () => api(app).get('/api/v1/reviews').set(from('203.0.113.10')),
        () => anonymous.get('/oppet', from('203.0.113.10')),
      ]),
    ).toEqual([200, 200, 401, 200]);

    expectRetryAfter(await anonymous.get('/oppet', from('203.0.113.10')), 60);
    const login429 = await api(app).post('/api/v1/auth/login').set(from('203.0.113.10')).send({ email: 'revisor@demo.local', password: 'demo-password' });
    expectRetryAfter(login429, 60);
    expect(login429.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });

    for (let i = 0; i < 10; i++) await api(app).get('/api/v1/health/live').set(from('203.0.113.10')).expect(200);
    await api(app).get('/api/v1/health/ready').set(from('203.0.113.10')).expect(200);
    await api(app).get('/api/v1/reviews').set(from('203.0.113.10')).set(bearer(token)).expect(200);
    expect((await anonymous.get('/oppet', from('203.0.113.11'))).status).toBe(200);
  });

  it('counts an IPv6 client per /64, so rotating addresses within it does not help', async () => {
    const results = await statuses(
      Array.from({ length: 6 }, (_, i) => () => api(app).get('/oppet').set(from(`2001:db8:5:6::${i + 1}`))),
    );
    expect(results).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await api(app).get('/oppet').set(from('2001:db8:5:7::1'))).status).toBe(200);
  });
});

describe('password spraying: failed sign-ins are limited per address (LOGIN_FAILURES_PER_ADDRESS) as well as per account', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { LOGIN_FAILURES_PER_ADDRESS: '5' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('one wrong password on each of many accounts from one address ends in 429 for every account, even with the right password', async () => {
    const accounts = ['admin@demo.local', 'sekreterare@demo.local', 'chef.sfi@demo.local', 'nobody@demo.local', 'revisor@demo.local'];
    const attempts = await statuses(
      accounts.map((email, i) => () => api(app).post('/api/v1/auth/login').set('X-Forwarded-For', `198.51.100.${i}`).send({ email, password: 'sommar2012' })),
    );
    expect(attempts).toEqual([401, 401, 401, 401, 401]);

    // X-Forwarded-For is not believed without TRUST_PROXY: the address is still the same one.
    const refused = await api(app).post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.99').send({ email: 'handlaggare.sfi@demo.local', password: 'demo-password' });
    expectRetryAfter(refused, 15 * 60);
    expect(refused.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/address/) });

    const page = await new CookieJar(app).signIn('chef.sfi@demo.local');
    expectRetryAfter(page, 15 * 60);
  });
});

describe('a burst of wrong passwords sent at once', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { LOGIN_FAILURES_PER_ADDRESS: '1000' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('has ten of them checked, not more: each is counted before its password is, so none reads the count before the others add to it', async () => {
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => api(app).post('/api/v1/auth/login').send({ email: 'handlaggare.utredning@demo.local', password: `gissning-${i}` })),
    );
    const counted = burst.map((res) => res.status);
    // At most ten passwords checked (ten exactly while Redis answers within its 250 ms; past that a count falls back to the process's own).
    expect(counted.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(counted.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
    expect(counted.every((status) => status === 401 || status === 429)).toBe(true);
    expectRetryAfter(await api(app).post('/api/v1/auth/login').send({ email: 'handlaggare.utredning@demo.local', password: 'demo-password' }), 15 * 60);
    // Another account from the same address is not held by it.
    expect((await api(app).post('/api/v1/auth/login').send({ email: 'revisor@demo.local', password: 'demo-password' })).status).toBe(200);
  });
});

/** Two app instances with `env` on one database and the one Redis, for the tests of the describe it is called in. */
function twoInstances(env: Record<string, string>): { first: INestApplication; second: INestApplication } {
  const apps = {} as { first: INestApplication; second: INestApplication };
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create();
    apps.first = await startApp(db, env);
    apps.second = await startApp(db, env);
  });
  afterAll(async () => {
    await apps.first?.close();
    await apps.second?.close();
    await db?.drop();
  });
  return apps;
}

describe('several app instances on one Redis share each user’s budget', () => {
  const apps = twoInstances({ RATE_LIMIT_PER_MINUTE: '4' });

  it('requests spread over two instances count once: the fifth is 429 on either', async () => {
    const { first, second } = apps;
    const token = await login(first, 'revisor@demo.local');
    expect(
      await statuses([
        () => api(first).get('/api/v1/reviews').set(bearer(token)),
        () => api(second).get('/api/v1/reviews').set(bearer(token)),
        () => api(first).get('/api/v1/reviews').set(bearer(token)),
        () => api(second).get('/api/v1/reviews').set(bearer(token)),
      ]),
    ).toEqual([200, 200, 200, 200]);
    expectRetryAfter(await api(second).get('/api/v1/reviews').set(bearer(token)), 60);
    expectRetryAfter(await api(first).get('/api/v1/reviews').set(bearer(token)), 60);
  });
});

describe('failed sign-ins of one account through two instances on one Redis', () => {
  const apps = twoInstances({ LOGIN_FAILURES_PER_ADDRESS: '100' });
  const signIn = (app: INestApplication, password: string) => api(app).post('/api/v1/auth/login').send({ email: 'chef.sfi@demo.local', password });

  it('are cleared on both by a sign-in on either: the account is not refused after one more typo', async () => {
    const { first, second } = apps;
    expect(await statuses(Array.from({ length: 9 }, () => () => signIn(second, 'fel-lösenord')))).toEqual(Array(9).fill(401));
    expect((await signIn(first, 'demo-password')).status).toBe(200);
    expect((await signIn(second, 'fel-lösenord')).status).toBe(401);
    expect((await signIn(second, 'demo-password')).status).toBe(200);
  });

  it('and ten of them, spread over both, refuse the account on either', async () => {
    const { first, second } = apps;
    expect(await statuses(Array.from({ length: 10 }, (_, i) => () => signIn(i % 2 ? first : second, 'fel-lösenord')))).toEqual(Array(10).fill(401));
    expectRetryAfter(await signIn(first, 'demo-password'), 15 * 60);
    expectRetryAfter(await signIn(second, 'demo-password'), 15 * 60);
  });
});

describe('with Redis unreachable', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create();
    // Port 1: nothing listens there, so every connection is refused at once.
    app = await startApp(db, { REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_PER_MINUTE: '3', LOGIN_FAILURES_PER_ADDRESS: '3' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('requests are still served and still limited, per process', async () => {
    const token = await login(app, 'revisor@demo.local');
    const results = await statuses(Array.from({ length: 4 }, () => () => api(app).get('/api/v1/reviews').set(bearer(token))));
    expect(results).toEqual([200, 200, 200, 429]);
    expectRetryAfter(await api(app).get('/api/v1/reviews').set(bearer(token)), 60);
    const other = await login(app, 'sekreterare@demo.local');
    await api(app).get('/api/v1/reviews').set(bearer(other)).expect(200);
  });

  it('failed sign-ins are still counted per address', async () => {
    const attempts = await statuses(
      ['a@demo.local', 'b@demo.local', 'c@demo.local', 'admin@demo.local'].map((email) => () => api(app).post('/api/v1/auth/login').send({ email, password: 'fel-lösenord' })),
    );
    expect(attempts).toEqual([401, 401, 401, 429]);
  });
});

describe('with Redis slow to answer (each limit command gives up after 250 ms), failed sign-ins are still counted per address', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let admin: Redis;
  let app: INestApplication;
  // Each test signs in from an address of its own (behind a trusted proxy on loopback).
  const signIn = (address: string, email: string, password: string) =>
    api(app).post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password });
  const fail = (address: string, emails: string[]) => statuses(emails.map((email) => () => signIn(address, email, 'fel-lösenord')));

  beforeAll(async () => {
    db = await TestDatabase.create();
    // A redis-server of the test's own: pausing it holds up nothing but this app.
    redis = await PrivateRedis.start();
    admin = new Redis(redis.url);
    app = await startApp(db, { REDIS_URL: redis.url, LOGIN_FAILURES_PER_ADDRESS: '3', TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await app?.close();
    admin?.disconnect();
    await redis?.stop();
    await db?.drop();
  });

  /** Redis holds every client's commands (this app's included) for `ms`; they run when it ends. Resolves to a wait for that end. */
  async function slowFor(ms: number): Promise<() => Promise<void>> {
    await admin.call('CLIENT', 'PAUSE', String(ms), 'ALL');
    const over = Date.now() + ms;
    return () => new Promise((resolve) => setTimeout(resolve, Math.max(0, over - Date.now()) + 50));
  }

  it('failures made before it slowed refuse the next sign-in, even with the right password', async () => {
    expect(await fail('198.51.100.1', ['a@demo.local', 'b@demo.local', 'c@demo.local'])).toEqual([401, 401, 401]);
    const ended = await slowFor(1500);
    expectRetryAfter(await signIn('198.51.100.1', 'revisor@demo.local', 'demo-password'), 15 * 60);
    await ended();
    expectRetryAfter(await signIn('198.51.100.1', 'revisor@demo.local', 'demo-password'), 15 * 60);
  });

  it('failures made while it was slow count once each, not once in Redis and again in the process', async () => {
    const ended = await slowFor(1500);
    expect(await fail('198.51.100.2', ['a@demo.local', 'b@demo.local'])).toEqual([401, 401]);
    await ended();
    expect((await signIn('198.51.100.2', 'revisor@demo.local', 'demo-password')).status).toBe(200);
    expect(await fail('198.51.100.2', ['c@demo.local'])).toEqual([401]);
    expectRetryAfter(await signIn('198.51.100.2', 'revisor@demo.local', 'demo-password'), 15 * 60);
  });
});
