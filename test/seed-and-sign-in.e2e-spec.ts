import type { INestApplication } from '@nestjs/common';
import { api, bearer, demoTokens, startApp, TestDatabase } from './support/test-app';

describe('a new user starts the app on an empty database', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('finds the Stockholm review with its three proposed decision points and five received recommendations', async () => {
    const { secretary } = await demoTokens(app);
    const reviews = await api(app).get('/api/v1/reviews').set(bearer(secretary)).expect(200);
    expect(reviews.body).toHaveLength(1);
    expect(reviews.body[0]).toMatchObject({
      title: 'MIXITIES peer review Stockholm 2011 — introduction and language courses',
      reviewer: 'EUROCITIES MIXITIES peer review team',
      committee: 'Arbetsmarknadsnämnden',
      recommendationCount: 5,
    });
    const review = await api(app).get(`/api/v1/reviews/${reviews.body[0].id}`).set(bearer(secretary)).expect(200);
    expect(review.body.decisions).toHaveLength(3);
    expect(review.body.decisions[2].text).toContain('verksamhetsplan 2012');

    const list = await api(app).get('/api/v1/recommendations').set(bearer(secretary)).expect(200);
    expect(list.body.map((r: { code: string; title: string; responsibleUnit: string; status: string }) => [r.code, r.title, r.responsibleUnit, r.status])).toEqual([
      ['R1', 'Dialog', 'utredning', 'received'],
      ['R2', 'Uppsökande verksamhet', 'sfi', 'received'],
      ['R3', 'Dela erfarenheter', 'sfi', 'received'],
      ['R4', 'Förbättra uppföljning av kurserna', 'sfi', 'received'],
      ['R5', 'Synlig strategi', 'utredning', 'received'],
    ]);
    const r1 = await api(app).get(`/api/v1/recommendations/${list.body[0].id}`).set(bearer(secretary)).expect(200);
    expect(r1.body.text).toContain('Rundabordssamtal med arbetsgivarrepresentanter');
    expect(r1.body.text).toContain('Invandrarråd');
    expect(r1.headers.etag).toBe('"1"');
  });

  it('finds Verksamhetsplan 2012 with T1, T2 and VB', async () => {
    const { officer } = { officer: (await demoTokens(app)).sfiOfficer };
    const cycles = await api(app).get('/api/v1/cycles').set(bearer(officer)).expect(200);
    expect(cycles.body[0].name).toBe('Verksamhetsplan 2012');
    expect(cycles.body[0].milestones.map((m: { key: string; periodEnd: string }) => [m.key, m.periodEnd])).toEqual([
      ['T1', '2012-04-30'],
      ['T2', '2012-08-31'],
      ['VB', '2012-12-31'],
    ]);
  });

  it('signs in with a demo account and gets a bearer token naming role and unit', async () => {
    const res = await api(app).post('/api/v1/auth/login').send({ email: 'chef.sfi@demo.local', password: 'demo-password' }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { email: 'chef.sfi@demo.local', role: 'unit_head', unit: 'sfi' } });
    expect(res.body.expiresIn).toBeGreaterThan(0);
  });

  it('is refused with 401 for a wrong password, no token or a forged token', async () => {
    await api(app).post('/api/v1/auth/login').send({ email: 'revisor@demo.local', password: 'wrong' }).expect(401);
    const none = await api(app).get('/api/v1/recommendations').expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await api(app).get('/api/v1/recommendations').set(bearer('not.a.token')).expect(401);
  });

  it('locks an account for 15 minutes after 10 failed attempts, with 429', async () => {
    for (let i = 0; i < 10; i++) {
      await api(app).post('/api/v1/auth/login').send({ email: 'handlaggare.utredning@demo.local', password: `wrong-${i}` }).expect(401);
    }
    const locked = await api(app).post('/api/v1/auth/login').send({ email: 'handlaggare.utredning@demo.local', password: 'demo-password' }).expect(429);
    expect(locked.body.message).toMatch(/15 minutes/);
  });

  it('answers health checks without a token', async () => {
    await api(app).get('/api/v1/health/live').expect(200);
    const ready = await api(app).get('/api/v1/health/ready').expect(200);
    expect(ready.body).toMatchObject({ database: 'up', outboxPending: expect.any(Number) });
    expect(['up', 'down']).toContain(ready.body.redis);
  });

  it('serves the OpenAPI document', async () => {
    const doc = await api(app).get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/recommendations/{id}/decision', '/api/v1/audit/verify']));
    // The statuses it names are those the routes answer: a change to a recommendation is 200 (it said 201), a report 201 or 202.
    const statuses = (path: string, method: string) => Object.keys(doc.body.paths[path][method].responses).sort();
    expect(statuses('/api/v1/recommendations/{id}/decision', 'post')).toEqual(['200']);
    expect(statuses('/api/v1/recommendations/{id}/actions/{actionId}/progress', 'post')).toEqual(['200']);
    expect(statuses('/api/v1/recommendations/{id}/actions', 'post')).toEqual(['201']);
    expect(statuses('/api/v1/reports', 'post')).toEqual(['201', '202']);
    expect(statuses('/api/v1/health/ready', 'get')).toEqual(['200', '503']);
  });
});
