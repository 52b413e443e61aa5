import Database from 'better-sqlite3';
import { Client } from 'pg';
import { Database as DatabaseService } from '../src/event-store/database';
import { Projector } from '../src/projections/projector';
import { api, bearer, type DemoApp, demoTokens, startApp, startDemoApp, stopDemoApp, TEST_DATABASE, TestDatabase } from './support/test-app';

const meeting = { body: 'Arbetsmarknadsnämnden', date: '2012-06-12' };

describe('many writers, restarts and a tampered log', () => {
  let { db, app, t } = {} as DemoApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    ids = Object.fromEntries(list.body.map((r: { code: string; id: string }) => [r.code, r.id]));
    for (const code of ['R2', 'R3', 'R4']) {
      await api(app).post(`/api/v1/recommendations/${ids[code]}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'VP 2012', meeting }).expect(200);
    }
  });
  afterAll(() => stopDemoApp({ db, app }));

  it('100 concurrent writes to one recommendation all succeed and none is lost', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api(app)
          .post(`/api/v1/recommendations/${ids.R2}/actions`)
          .set(bearer(i % 2 ? t.sfiOfficer : t.sfiHead))
          .send({ title: `Åtgärd ${i}`, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(201));
    const detail = await api(app).get(`/api/v1/recommendations/${ids.R2}`).set(bearer(t.auditor)).expect(200);
    expect(detail.body.actions).toHaveLength(100);
    expect(detail.body.version).toBe(102);
    const versions = results.map((r) => r.body.version).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(100);
  });

  it('concurrent writes across recommendations all succeed, positions stay gapless', async () => {
    const results = await Promise.all(
      ['R3', 'R4'].flatMap((code) =>
        Array.from({ length: 25 }, (_, i) =>
          api(app)
            .post(`/api/v1/recommendations/${ids[code]}/actions`)
            .set(bearer(t.sfiOfficer))
            .send({ title: `${code} åtgärd ${i}`, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-09-30' }),
        ),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const events = await api(app).get('/api/v1/audit/events?limit=10000').set(bearer(t.auditor)).expect(200);
    const positions = events.body.map((e: { position: number }) => e.position);
    expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
    const verify = await api(app).get('/api/v1/audit/verify').set(bearer(t.auditor)).expect(200);
    expect(verify.body).toMatchObject({ ok: true, checkedEvents: positions.length, firstInvalidPosition: null });
  });

  it('the audit log pages by position and exports ndjson and csv', async () => {
    const page1 = await api(app).get('/api/v1/audit/events?limit=5').set(bearer(t.secretary)).expect(200);
    const page2 = await api(app).get(`/api/v1/audit/events?limit=5&after=${page1.body[4].position}`).set(bearer(t.secretary)).expect(200);
    expect(page2.body[0].position).toBe(page1.body[4].position + 1);
    const byActor = await api(app).get('/api/v1/audit/events?actor=sekreterare@demo.local&type=RecommendationDecided').set(bearer(t.auditor)).expect(200);
    expect(byActor.body).toHaveLength(3);
    const ndjson = await api(app).get('/api/v1/audit/events?limit=3&format=ndjson').set(bearer(t.auditor)).expect(200);
    expect(ndjson.text.trim().split('\n').map((l) => JSON.parse(l).position)).toEqual([1, 2, 3]);
    const csv = await api(app).get('/api/v1/audit/events?limit=3&format=csv').set(bearer(t.auditor)).expect(200);
    expect(csv.text.split('\r\n')[0]).toBe('\uFEFFposition;streamId;version;type;occurredAt;actorId;actorEmail;actorName;actorRole;reason;data');
    await api(app).get('/api/v1/audit/events').set(bearer(t.sfiOfficer)).expect(403);
    await api(app).get('/api/v1/audit/verify').set(bearer(t.secretary)).expect(403);
  });

  it('after many writes committed together, the checkpoint of each read model stands at the head of the log, and the list shows the last write', async () => {
    const list = () => api(app).get('/api/v1/recommendations').set(bearer(t.auditor)).expect(200);
    const countOf = async () => (await list()).body.find((r: { id: string }) => r.id === ids.R3).actionCount;
    const before = await countOf();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(app)
          .post(`/api/v1/recommendations/${ids.R3}/actions`)
          .set(bearer(t.secretary))
          .send({ title: `Samråd ${i}`, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' })
          .expect(201),
      ),
    );
    expect(await countOf()).toBe(before + 20);
    const database = app.get(DatabaseService);
    const [{ head }] = await database.query<{ head: number | string }>('SELECT MAX(position) AS head FROM events');
    const checkpoints = await database.query<{ name: string; position: number | string }>("SELECT name, position FROM projection_checkpoints WHERE name IN ('recommendations', 'search') ORDER BY name");
    expect(checkpoints.map((c) => [c.name, Number(c.position)])).toEqual([
      ['recommendations', Number(head)],
      ['search', Number(head)],
    ]);
  });

  it('rebuilding the read models from position 0 gives the same rows', async () => {
    const before = await api(app).get('/api/v1/recommendations').set(bearer(t.auditor)).expect(200);
    const details = await Promise.all(before.body.map((r: { id: string }) => api(app).get(`/api/v1/recommendations/${r.id}`).set(bearer(t.auditor))));
    const result = await app.get(Projector).rebuild();
    // A row per stream and read model: the 5 recommendations twice (their tables and the search index), the review, the cycle, the 6 demo accounts and the 2 units.
    expect(result.rows).toBe(20);
    const after = await api(app).get('/api/v1/recommendations').set(bearer(t.auditor)).expect(200);
    expect(after.body).toEqual(before.body);
    const detailsAfter = await Promise.all(after.body.map((r: { id: string }) => api(app).get(`/api/v1/recommendations/${r.id}`).set(bearer(t.auditor))));
    expect(detailsAfter.map((d) => d.body)).toEqual(details.map((d) => d.body));
  });

  it('after a restart nothing is lost and nothing is seeded twice', async () => {
    await app.close();
    app = await startApp(db, { APP_NOW: '2012-06-02T08:00:00Z' });
    t = await demoTokens(app);
    const reviews = await api(app).get('/api/v1/reviews').set(bearer(t.auditor)).expect(200);
    expect(reviews.body).toHaveLength(1);
    const r2 = await api(app).get(`/api/v1/recommendations/${ids.R2}`).set(bearer(t.auditor)).expect(200);
    expect(r2.body.actions).toHaveLength(100);
  });

  it('the database refuses UPDATE and DELETE on events; a change behind its back shows in /audit/verify', async () => {
    await app.close();
    const r1Registered = await tamperBehindTheAppsBack(db);
    app = await startApp(db);
    const auditor = (await demoTokens(app)).auditor;
    const verify = await api(app).get('/api/v1/audit/verify').set(bearer(auditor)).expect(200);
    expect(verify.body).toMatchObject({ ok: false, firstInvalidPosition: r1Registered, checkedEvents: r1Registered - 1 });
  });
});

/**
 * What an administrator with a database shell could do: try to edit the log, then drop the trigger and edit it:
 * R1's registration ("Dialog") made a "Monolog". Returns that event's position (the seed's users and units come before it).
 */
async function tamperBehindTheAppsBack(db: TestDatabase): Promise<number> {
  const find = "SELECT position FROM events WHERE type = 'RecommendationRegistered' AND data LIKE '%\"Dialog\"%'";
  if (TEST_DATABASE === 'sqlite') {
    const raw = new Database(db.sqlitePath!);
    const position = Number((raw.prepare(find).get() as { position: number }).position);
    const edit = `UPDATE events SET data = replace(data, 'Dialog', 'Monolog') WHERE position = ${position}`;
    expect(() => raw.prepare(edit).run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM events WHERE position = 3').run()).toThrow(/append-only/);
    raw.exec('DROP TRIGGER events_no_update');
    raw.prepare(edit).run();
    raw.close();
    return position;
  }
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const position = Number((await client.query<{ position: string }>(find)).rows[0].position);
    const edit = `UPDATE events SET data = replace(data, 'Dialog', 'Monolog') WHERE position = ${position}`;
    await expect(client.query(edit)).rejects.toThrow(/append-only/);
    await expect(client.query('DELETE FROM events WHERE position = 3')).rejects.toThrow(/append-only/);
    await expect(client.query('TRUNCATE events')).rejects.toThrow(/append-only/);
    await client.query('DROP TRIGGER events_no_update_delete ON events');
    await client.query(edit);
    return position;
  } finally {
    await client.end();
  }
}
