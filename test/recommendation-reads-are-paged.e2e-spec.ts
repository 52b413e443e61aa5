import type { INestApplication } from '@nestjs/common';
import { Database } from '../src/event-store/database';
import { Projector } from '../src/projections/projector';
import { api, bearer, demoTokens, startApp, TestDatabase } from './support/test-app';

type Tokens = Awaited<ReturnType<typeof demoTokens>>;
interface Summary {
  id: string;
  code: string;
  reviewId: string;
  overdueActionCount: number;
}

/** Every page of a list, following X-Next-After until it stops. */
async function allPages(app: INestApplication, token: string, path: string): Promise<{ items: Summary[]; pages: number; totals: string[] }> {
  const items: Summary[] = [];
  const totals: string[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const res = await api(app)
      .get(`${path}${path.includes('?') ? '&' : '?'}${after ? `after=${encodeURIComponent(after)}&` : ''}limit=3`)
      .set(bearer(token))
      .expect(200);
    items.push(...res.body);
    totals.push(res.headers['x-total-count']);
    after = res.headers['x-next-after'];
    pages++;
  } while (after);
  return { items, pages, totals };
}

/** Every row of the recommendation tables, in key order: what the list, the detail and the updates read. */
async function tableRows(app: INestApplication) {
  const db = app.get(Database);
  const rows: Record<string, unknown[]> = {};
  for (const [table, order] of [
    ['rm_recommendations', 'id'],
    ['rm_actions', 'recommendation_id, id'],
    ['rm_action_updates', 'recommendation_id, action_id, seq'],
    ['rm_update_evidence', 'recommendation_id, action_id, update_seq, seq'],
  ]) {
    rows[table] = (await db.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`)).map((r) =>
      // The same value may come back as a number or a numeric string, depending on the driver and the column.
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])),
    );
  }
  return rows;
}

describe('the recommendation list pages, the detail carries the latest updates, the rest are paged', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let t: Tokens;
  let r2: string;
  let actionId: string;
  let otherActionId: string;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { APP_NOW: '2012-06-01T08:00:00Z' });
    t = await demoTokens(app);
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    r2 = list.body.find((r: Summary) => r.code === 'R2').id;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('pages by limit and X-Next-After in the order review then code (R2 before R10), with X-Total-Count on every page', async () => {
    const review = await api(app)
      .post('/api/v1/reviews')
      .set(bearer(t.secretary))
      .send({ title: 'Granskning av uppföljningen', reviewer: 'Stadsrevisionen', reviewedOn: '2012-05-02', committee: 'Arbetsmarknadsnämnden' })
      .expect(201);
    for (const code of ['R10', 'R2', 'R1']) {
      await api(app)
        .post('/api/v1/recommendations')
        .set(bearer(t.secretary))
        .send({ reviewId: review.body.id, code, title: `Rekommendation ${code}`, text: 'Text', responsibleUnit: 'sfi' })
        .expect(201);
    }
    const whole = await api(app).get('/api/v1/recommendations?limit=1000').set(bearer(t.auditor)).expect(200);
    expect(whole.headers['x-total-count']).toBe('8');
    expect(whole.headers['x-next-after']).toBeUndefined();
    const ofNewReview = whole.body.filter((r: Summary) => r.reviewId === review.body.id).map((r: Summary) => r.code);
    expect(ofNewReview).toEqual(['R1', 'R2', 'R10']);
    const reviewOrder = whole.body.map((r: Summary) => r.reviewId);
    expect(reviewOrder).toEqual([...reviewOrder].sort());

    const paged = await allPages(app, t.auditor, '/api/v1/recommendations');
    expect(paged.pages).toBe(3);
    expect(paged.totals).toEqual(['8', '8', '8']);
    expect(paged.items).toEqual(whole.body);

    const sfi = await allPages(app, t.auditor, '/api/v1/recommendations?unit=sfi');
    expect(sfi.totals).toEqual(['6', '6']);
    expect(sfi.items).toEqual(whole.body.filter((r: { responsibleUnit: string }) => r.responsibleUnit === 'sfi'));
  });

  it('without limit a page holds at most 100; a cursor that is not one is a 400 naming after', async () => {
    const res = await api(app).get('/api/v1/recommendations').set(bearer(t.auditor)).expect(200);
    expect(res.body).toHaveLength(8);
    const bad = await api(app).get('/api/v1/recommendations?after=R2').set(bearer(t.auditor)).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'after' })]);
    await api(app).get('/api/v1/recommendations?limit=1001').set(bearer(t.auditor)).expect(400);
    await api(app).get('/api/v1/recommendations?limit=0').set(bearer(t.auditor)).expect(400);
  });

  it('the detail and the write carry each action\u2019s latest 20 updates and updateCount; the updates route pages them all, oldest first', async () => {
    await api(app).post(`/api/v1/recommendations/${r2}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ja' }).expect(200);
    const added = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Uppsökande team', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-06-15' })
      .expect(201);
    actionId = added.body.actions[0].id;
    const other = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Informationsmaterial', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-07-01' })
      .expect(201);
    otherActionId = other.body.actions[1].id;
    let last;
    for (let n = 1; n <= 25; n++) {
      last = await api(app)
        .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`)
        .set(bearer(t.sfiOfficer))
        .send({ progressPercent: n, note: `Anteckning ${n}`, evidence: n % 5 === 0 ? [{ title: `Bilaga ${n}`, url: `https://example.org/${n}.pdf` }, { title: 'Karta', url: 'https://example.org/karta.pdf' }] : [] })
        .expect(200);
    }
    const notes = (updates: Array<{ note: string }>) => updates.map((u) => u.note);
    const latest = Array.from({ length: 20 }, (_, i) => `Anteckning ${i + 6}`);
    expect(last!.body.actions[0]).toMatchObject({ updateCount: 25, progressPercent: 25 });
    expect(notes(last!.body.actions[0].updates)).toEqual(latest);
    expect(last!.body.actions[1]).toMatchObject({ updateCount: 0, updates: [] });

    const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    expect(detail.body.actions[0].updateCount).toBe(25);
    expect(notes(detail.body.actions[0].updates)).toEqual(latest);
    expect(detail.body.actions[0].updates[4]).toEqual({
      id: 10,
      retracted: null,
      at: expect.any(String),
      by: 'handlaggare.sfi@demo.local',
      progressPercent: 10,
      note: 'Anteckning 10',
      evidence: [
        { title: 'Bilaga 10', url: 'https://example.org/10.pdf' },
        { title: 'Karta', url: 'https://example.org/karta.pdf' },
      ],
    });
    expect(detail.body.actions[0]).toEqual(last!.body.actions[0]);

    const path = `/api/v1/recommendations/${r2}/actions/${actionId}/updates`;
    const first = await api(app).get(`${path}?limit=10`).set(bearer(t.auditor)).expect(200);
    expect(first.headers['x-total-count']).toBe('25');
    expect(first.headers['x-next-after']).toBe('10');
    const second = await api(app).get(`${path}?limit=10&after=10`).set(bearer(t.auditor)).expect(200);
    const third = await api(app).get(`${path}?limit=10&after=20`).set(bearer(t.auditor)).expect(200);
    expect(third.headers['x-next-after']).toBeUndefined();
    const paged = [...first.body, ...second.body, ...third.body];
    expect(notes(paged)).toEqual(Array.from({ length: 25 }, (_, i) => `Anteckning ${i + 1}`));
    expect(paged.slice(5)).toEqual(detail.body.actions[0].updates);
    const all = await api(app).get(path).set(bearer(t.auditor)).expect(200);
    expect(all.body).toEqual(paged);

    await api(app).get(`/api/v1/recommendations/${r2}/actions/${r2}/updates`).set(bearer(t.auditor)).expect(404);
    await api(app).get(`${path}?after=-1`).set(bearer(t.auditor)).expect(400);
  });

  it('the history is every event as before, and with limit or after a page of it: X-Total-Count, X-Next-After (a version) while more follow', async () => {
    const path = `/api/v1/recommendations/${r2}/history`;
    const whole = await api(app).get(path).set(bearer(t.auditor)).expect(200);
    const count = whole.body.length as number;
    expect(count).toBeGreaterThan(25);
    expect(whole.headers['x-total-count']).toBe(String(count));
    expect(whole.headers['x-next-after']).toBeUndefined();
    const pages: unknown[][] = [];
    const totals: string[] = [];
    let after: string | undefined = '0';
    while (after !== undefined) {
      const page: { body: unknown[]; headers: Record<string, string> } = await api(app).get(`${path}?limit=7&after=${after}`).set(bearer(t.auditor)).expect(200);
      pages.push(page.body);
      totals.push(page.headers['x-total-count']);
      after = page.headers['x-next-after'];
    }
    expect(pages.flat()).toEqual(whole.body);
    expect(pages).toHaveLength(Math.ceil(count / 7));
    expect(new Set(totals)).toEqual(new Set([String(count)]));
    // Without limit a page holds at most 100, from after the version given.
    const rest = await api(app).get(`${path}?after=${count - 3}`).set(bearer(t.auditor)).expect(200);
    expect(rest.body).toEqual(whole.body.slice(-3));
    expect(rest.headers['x-next-after']).toBeUndefined();
    const bad = await api(app).get(`${path}?limit=0`).set(bearer(t.auditor)).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'limit' })]);
    await api(app).get(`${path}?after=x`).set(bearer(t.auditor)).expect(400);
    await api(app).get(`/api/v1/recommendations/${actionId}/history?limit=5`).set(bearer(t.auditor)).expect(404);
  });

  it('overdue is counted for Stockholm\u2019s today when the list is read, from the due dates: no write needed', async () => {
    const before = await api(app).get('/api/v1/recommendations?limit=1000').set(bearer(t.auditor)).expect(200);
    expect(before.body.find((r: Summary) => r.id === r2).overdueActionCount).toBe(0);
    await app.close();
    // 2012-07-01 22:30 UTC is already 2 July in Stockholm: both due dates (15 June, 1 July) have passed there.
    app = await startApp(db, { APP_NOW: '2012-07-01T22:30:00Z' });
    t = await demoTokens(app);
    const later = await api(app).get('/api/v1/recommendations?limit=1000').set(bearer(t.auditor)).expect(200);
    expect(later.body.find((r: Summary) => r.id === r2).overdueActionCount).toBe(2);
    const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    expect(detail.body.overdueActionCount).toBe(2);
    expect(detail.body.actions.map((a: { overdue: boolean }) => a.overdue)).toEqual([true, true]);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${otherActionId}/complete`).set(bearer(t.sfiOfficer)).send({ note: 'Klart' }).expect(200);
    // Completion is a claim until a second person approves it (issue #12).
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${otherActionId}/approve`).set(bearer(t.sfiHead)).send({}).expect(200);
    const afterCompletion = await api(app).get('/api/v1/recommendations?unit=sfi').set(bearer(t.auditor)).expect(200);
    expect(afterCompletion.body.find((r: Summary) => r.id === r2).overdueActionCount).toBe(1);
  });

  it('asOf folds the log and answers in the same shape: the latest 20 updates, updateCount, and the same paging', async () => {
    // Written after 30 June: the fold, not the tables, answers for 30 June.
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 30, note: 'Anteckning 26' }).expect(200);
    const now = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    expect(now.body.actions[0].updateCount).toBe(26);
    const then = await api(app).get(`/api/v1/recommendations/${r2}?asOf=2012-06-30`).set(bearer(t.auditor)).expect(200);
    expect(then.body.actions[0].updateCount).toBe(25);
    expect(then.body.actions[0].updates.map((u: { note: string }) => u.note)).toEqual(Array.from({ length: 20 }, (_, i) => `Anteckning ${i + 6}`));
    expect(Object.keys(then.body.actions[0]).sort()).toEqual(Object.keys(now.body.actions[0]).sort());
    // As of 30 June the action due 15 June was overdue, the one due 1 July not yet.
    expect(then.body.overdueActionCount).toBe(1);

    const whole = await api(app).get('/api/v1/recommendations?asOf=2012-06-30&limit=1000').set(bearer(t.auditor)).expect(200);
    const paged = await allPages(app, t.auditor, '/api/v1/recommendations?asOf=2012-06-30');
    expect(paged.items).toEqual(whole.body);
    expect(paged.totals).toEqual(['8', '8', '8']);
    expect(whole.body.find((r: Summary) => r.id === r2).overdueActionCount).toBe(1);
  });

  it('npm run projections:rebuild gives exactly the rows the inline projection wrote', async () => {
    const inline = await tableRows(app);
    expect(inline.rm_action_updates).toHaveLength(27);
    expect(inline.rm_update_evidence).toHaveLength(10);
    await app.get(Projector).rebuild();
    expect(await tableRows(app)).toEqual(inline);
  });
});
