import type { INestApplication } from '@nestjs/common';
import { api, bearer, demoTokens, startApp, TestDatabase } from './support/test-app';

type Tokens = Awaited<ReturnType<typeof demoTokens>>;
interface Summary {
  id: string;
  code: string;
  status: string;
  progressPercent: number;
  actionCount: number;
  version: number;
}

/**
 * The list keeps the pages it answered while nothing changed them: two
 * instances on one database, each asked again after the other wrote, answer
 * what the rows say now.
 */
describe('the list answers what its rows say, whichever instance wrote last', () => {
  let db: TestDatabase;
  let one: INestApplication;
  let two: INestApplication;
  let t: Tokens;

  const list = async (app: INestApplication, query = '') => {
    const res = await api(app).get(`/api/v1/recommendations${query}`).set(bearer(t.auditor)).expect(200);
    return { items: res.body as Summary[], total: res.headers['x-total-count'] };
  };
  const r2 = async (app: INestApplication) => (await list(app)).items.find((r) => r.code === 'R2')!;

  beforeAll(async () => {
    db = await TestDatabase.create();
    one = await startApp(db, { APP_NOW: '2012-06-01T08:00:00Z' });
    two = await startApp(db, { APP_NOW: '2012-06-01T08:00:00Z' });
    t = await demoTokens(one);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  it('given a page each instance answered, a write on either shows on both at the next ask', async () => {
    const before = await r2(one);
    expect(await r2(one)).toEqual(before);
    expect(await r2(two)).toEqual(before);

    await api(two).post(`/api/v1/recommendations/${before.id}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'VP 2012' }).expect(200);
    expect(await r2(one)).toMatchObject({ status: 'accepted', version: before.version + 1 });

    const added = await api(one)
      .post(`/api/v1/recommendations/${before.id}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Kartlägg deltagarna', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-12-31' })
      .expect(201);
    expect(await r2(two)).toMatchObject({ actionCount: 1, progressPercent: 0 });

    await api(two)
      .post(`/api/v1/recommendations/${before.id}/actions/${added.body.actions[0].id}/progress`)
      .set(bearer(t.sfiOfficer))
      .send({ progressPercent: 40, note: 'Hälften kartlagd' })
      .expect(200);
    expect(await r2(one)).toMatchObject({ progressPercent: 40, version: before.version + 3 });
    expect(await r2(two)).toMatchObject({ progressPercent: 40, version: before.version + 3 });
  });

  it('given pages of one list with different filters and sizes, each is its own answer', async () => {
    const all = await list(one, '?limit=1000');
    const sfi = await list(one, '?unit=sfi');
    const first = await list(one, '?limit=1');
    expect(sfi.items).toEqual(all.items.filter((r) => (r as unknown as { responsibleUnit: string }).responsibleUnit === 'sfi'));
    expect(first.items).toEqual(all.items.slice(0, 1));
    expect([first.total, (await list(one, '?limit=1')).total]).toEqual([all.total, all.total]);
  });
});
