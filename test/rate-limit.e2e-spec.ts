import type { INestApplication } from '@nestjs/common';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';

describe('a script that calls too often', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('gets 429 past RATE_LIMIT_PER_MINUTE requests, while another user goes on', async () => {
    const auditor = await login(app, 'revisor@demo.local');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api(app).get('/api/v1/reviews').set(bearer(auditor))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await api(app).get('/api/v1/reviews').set(bearer(auditor)).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    const secretary = await login(app, 'sekreterare@demo.local');
    await api(app).get('/api/v1/reviews').set(bearer(secretary)).expect(200);
  });

  it('cannot buy a fresh budget by signing in again: the limit is per user, and the 429 says when to come back', async () => {
    const again = await login(app, 'revisor@demo.local');
    const refused = await api(app).get('/api/v1/reviews').set(bearer(again)).expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.body.message).toMatch(/try again/);
  });
});
