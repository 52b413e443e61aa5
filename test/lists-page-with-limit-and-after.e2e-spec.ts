import { api, bearer, binary, type DemoApp, givenAcceptedR2WithAnAction, startDemoApp, stopDemoApp } from './support/test-app';

describe('the reviews, reminders and reports lists page with limit and after, as the contract says', () => {
  let { db, app, t } = {} as DemoApp;

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-03-15T09:00:00Z' }));
    for (const [title, reviewedOn] of [['Granskning av sfi', '2012-03-01'], ['Granskning av Jobbtorg', '2012-02-01'], ['Granskning av ekonomin', '2012-01-15']]) {
      await api(app).post('/api/v1/reviews').set(bearer(t.secretary)).send({ title, reviewer: 'Stadsrevisionen', reviewedOn, committee: 'Arbetsmarknadsnämnden' }).expect(201);
    }
    await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-04-20' });
    const cycleId = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary))).body[0].id as string;
    for (const language of ['sv', 'en', 'sv']) {
      await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId, milestoneKey: 'T1', language, format: 'json' }).expect(201);
    }
  });
  afterAll(() => stopDemoApp({ db, app }));

  const lists = [
    { path: '/api/v1/reviews', query: {} as Record<string, string> },
    { path: '/api/v1/reviews', query: { sort: '-title' } },
    { path: '/api/v1/reminders', query: { status: 'scheduled' } },
    { path: '/api/v1/reports', query: {} },
  ];
  const get = (path: string, query: Record<string, string>) => api(app).get(path).query(query).set(bearer(t.secretary));
  const ids = (body: Array<{ id: string }>) => body.map((r) => r.id);

  it.each(lists)('$path $query: limit=2 gives two rows with X-Total-Count and X-Next-After, the next pages continue without overlap', async ({ path, query }) => {
    const whole = await get(path, query).expect(200);
    expect(whole.body.length).toBeGreaterThanOrEqual(3);
    expect(whole.headers['x-total-count']).toBe(String(whole.body.length));
    expect(whole.headers['x-next-after']).toBeUndefined();
    const seen: string[] = [];
    let after: string | undefined;
    let first = true;
    do {
      const page = await get(path, { ...query, limit: '2', ...(after ? { after } : {}) }).expect(200);
      if (first) {
        expect(page.body).toHaveLength(2);
        expect(page.headers['x-next-after']).toBeTruthy();
      }
      first = false;
      expect(page.headers['x-total-count']).toBe(String(whole.body.length));
      seen.push(...ids(page.body));
      after = page.headers['x-next-after'];
    } while (after);
    expect(seen).toEqual(ids(whole.body));
  });

  it.each(lists)('$path $query: a bad cursor and a bad limit are 400 naming the field', async ({ path, query }) => {
    expect(JSON.stringify((await get(path, { ...query, after: 'not-a-cursor' }).expect(400)).body)).toContain('after');
    expect(JSON.stringify((await get(path, { ...query, limit: '0' }).expect(400)).body)).toContain('limit');
    expect(JSON.stringify((await get(path, { ...query, limit: '1001' }).expect(400)).body)).toContain('limit');
  });

  it('a cursor made under one sort is refused under another', async () => {
    const first = await get('/api/v1/reviews', { sort: 'title', limit: '2' }).expect(200);
    expect(JSON.stringify((await get('/api/v1/reviews', { sort: '-title', after: first.headers['x-next-after'] }).expect(400)).body)).toContain('after');
  });

  it('a file still has every row without limit, and limit pages it too', async () => {
    const csvLines = async (query: Record<string, string>) =>
      ((await get('/api/v1/reviews', { format: 'csv', ...query }).buffer(true).parse(binary).expect(200)).body as Buffer).toString('utf8').trim().split(/\r?\n/);
    const whole = (await get('/api/v1/reviews', {}).expect(200)).body as unknown[];
    expect(whole.length).toBeGreaterThan(2);
    expect(await csvLines({})).toHaveLength(whole.length + 1);
    expect(await csvLines({ limit: '2' })).toHaveLength(3);
  });
});
