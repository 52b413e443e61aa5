import { DEMO_ACCOUNTS } from '../src/seed/stockholm-2012';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

jest.setTimeout(60_000);

/** The same secret on every start, so the old token is refused for its session, not for its signature. */
const JWT_SECRET = 'a-production-secret-of-at-least-32-characters';
const development = { NODE_ENV: 'development', JWT_SECRET };
const production = { NODE_ENV: 'production', JWT_SECRET, SEED: 'true' };

const signIn = (app: Parameters<typeof api>[0], email: string) => api(app).post('/api/v1/auth/login').send({ email, password: 'demo-password' });

describe('a database started in development is then started in production', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await TestDatabase.create();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('signs no demo account in and refuses the token one got in development', async () => {
    const dev = await startApp(db, development);
    const adminToken = await login(dev, 'admin@demo.local');
    await api(dev).get('/api/v1/auth/me').set(bearer(adminToken)).expect(200);
    const secretaryToken = await login(dev, 'sekreterare@demo.local');
    await dev.close();

    const prod = await startApp(db, production);
    try {
      for (const { email } of DEMO_ACCOUNTS) {
        const refused = await signIn(prod, email).expect(401);
        expect(refused.body).toMatchObject({ statusCode: 401 });
        expect(refused.body.accessToken).toBeUndefined();
      }
      await api(prod).get('/api/v1/auth/me').set(bearer(adminToken)).expect(401);
      await api(prod).get('/api/v1/recommendations').set(bearer(secretaryToken)).expect(401);
      // The seeded data itself stays: the public page still shows the Stockholm recommendations.
      const publicPage = await api(prod).get('/oppet').expect(200);
      expect(publicPage.text).toContain('Synlig strategi');
    } finally {
      await prod.close();
    }
  });

  it('keeps the demo accounts deactivated when development starts again on that database', async () => {
    const dev = await startApp(db, development);
    try {
      await signIn(dev, 'admin@demo.local').expect(401);
      await signIn(dev, 'chef.sfi@demo.local').expect(401);
    } finally {
      await dev.close();
    }
  });
});

describe('production starts on an empty database', () => {
  it('loads the Stockholm review but makes no demo account', async () => {
    const db = await TestDatabase.create();
    const prod = await startApp(db, production);
    try {
      await signIn(prod, 'admin@demo.local').expect(401);
      await signIn(prod, 'revisor@demo.local').expect(401);
      const publicPage = await api(prod).get('/oppet').expect(200);
      expect(publicPage.text).toContain('Dialog');
    } finally {
      await prod.close();
      await db.drop();
    }
  });
});
