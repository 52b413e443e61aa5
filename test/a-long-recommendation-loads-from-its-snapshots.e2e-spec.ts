import { Database } from '../src/event-store/database';
import { api, bearer, type DemoApp, demoTokens, givenAcceptedR2WithAnAction, startApp, startDemoApp, stopDemoApp } from './support/test-app';

/**
 * A recommendation that gathers hundreds of progress notes is kept as a
 * snapshot every 100 versions, so a write (in a process that has not folded
 * it yet) and an `asOf` read start there instead of at its first event. What
 * the user sees must be exactly what a fold from the start gives.
 */
describe('a recommendation with hundreds of progress notes', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let actionId: string;
  let midway = '';

  type Detail = { version: number; actions: Array<{ id: string; progressPercent: number; updateCount?: number; updates: Array<{ note: string }> }> };
  const action = (d: Detail) => d.actions.find((a) => a.id === actionId)!;
  /** How many notes the action has, whether the detail carries them all or the latest ones and a count. */
  const noteCount = (d: Detail) => action(d).updateCount ?? action(d).updates.length;
  const lastNote = (d: Detail) => action(d).updates[action(d).updates.length - 1].note;
  const report = (n: number) =>
    api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`)
      .set(bearer(t.sfiOfficer))
      .send({ progressPercent: n % 100, note: `Lägesrapport ${n}` })
      .expect(200);
  const snapshotVersions = async () =>
    (await app.get(Database).query<{ version: number | string }>('SELECT version FROM snapshots ORDER BY version')).map((r) => Number(r.version));

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp());
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Många lägesrapporter', dueDate: '2012-11-30' }));
    for (let n = 1; n <= 230; n++) {
      await report(n);
      if (n === 150) midway = new Date().toISOString();
    }
  });

  afterAll(() => stopDemoApp({ db, app }));

  it('is kept every 100 versions as it grows', async () => {
    const versions = await snapshotVersions();
    expect(versions).toEqual([100, 200]);
  });

  it('takes the next write in a new process, starting from the snapshot, with nothing lost', async () => {
    const before = (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.sfiOfficer)).expect(200)).body as Detail;
    await app.close();
    app = await startApp(db);
    t = await demoTokens(app);
    const written = await report(231);
    expect(written.headers.etag).toBe(`"${before.version + 1}"`);
    expect(noteCount(written.body as Detail)).toBe(231);
    expect(lastNote(written.body as Detail)).toBe('Lägesrapport 231');
  });

  it('answers asOf from the nearest snapshot exactly as a fold from the first event does', async () => {
    const fromSnapshot = (await api(app).get(`/api/v1/recommendations/${r2}`).query({ asOf: midway }).set(bearer(t.secretary)).expect(200)).body as Detail;
    expect(noteCount(fromSnapshot)).toBe(150);
    expect(lastNote(fromSnapshot)).toBe('Lägesrapport 150');
    await app.get(Database).write((tx) => tx.query('DELETE FROM snapshots'));
    const fromTheStart = (await api(app).get(`/api/v1/recommendations/${r2}`).query({ asOf: midway }).set(bearer(t.secretary)).expect(200)).body;
    expect(fromSnapshot).toEqual(fromTheStart);
  });

  it('makes snapshots again after they were all removed (they are a cache of the log)', async () => {
    await app.close();
    app = await startApp(db);
    t = await demoTokens(app);
    for (let n = 232; n <= 300; n++) await report(n);
    expect(await snapshotVersions()).toEqual([300]);
  });
});
