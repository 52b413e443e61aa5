import { DataSource } from 'typeorm';
import { SearchIndex } from '../src/search/search-index';
import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, startApp, startDemoApp, stopDemoApp } from './support/test-app';

/**
 * The upgrades that let SQLite's full-text index follow the search entries in
 * batches (migration 1764000000021), and the notes' entries follow their notes
 * (1764000000022); on PostgreSQL they change nothing: an installation from
 * before, upgraded, shows the same notes and finds the same texts, and what is
 * written afterwards is found too.
 */
describe('an installation from before the search index followed in batches keeps its notes and its search', () => {
  let { db, app, t } = {} as DemoApp;
  afterAll(() => stopDemoApp({ db, app }));

  it('taken back to the migrations before and upgraded again, the action shows the same notes and the search finds the same', async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-03-15T09:00:00Z' }));
    const { r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Mentorer för nyanlända', dueDate: '2012-06-20' });
    const note = (text: string, pct: number) =>
      api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: pct, note: text }).expect(200);
    await note('Mentorerna har träffat deltagarna i Rinkeby.', 10);
    await note('Fel: det gällde Tensta.', 20);
    await note('Nästa träff blir i Husby.', 30);
    const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    const wrong = detail.body.actions[0].updates.find((u: { note: string }) => u.note.includes('Tensta'));
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress/${wrong.id}/retract`).set(bearer(t.sfiOfficer)).send({ reason: 'Fel ort' }).expect(200);
    const read = async () => ({
      updates: (await api(app).get(`/api/v1/recommendations/${r2}/actions/${actionId}/updates`).set(bearer(t.auditor)).expect(200)).body,
      found: (await api(app).get('/api/v1/search').query({ q: 'träff' }).set(bearer(t.auditor)).expect(200)).body,
    });
    const before = await read();
    expect(before.updates).toHaveLength(3);
    expect(before.found.length).toBeGreaterThan(0);

    // The index's loop writes on the same connection: stopped first, so it cannot start a transaction inside the migration's.
    await app.get(SearchIndex).beforeApplicationShutdown();
    const migrations = app.get(DataSource);
    // A note written just before: on SQLite its entry is not yet copied, and going back copies it.
    await note('Mentorerna ses sedan i Kista.', 35);
    await migrations.undoLastMigration();
    await migrations.undoLastMigration();
    await app.close();
    app = await startApp(db, { APP_NOW: '2012-03-15T09:00:00Z' });

    const upgraded = await read();
    expect(upgraded.updates).toHaveLength(4);
    expect(upgraded.updates.slice(0, 3)).toEqual(before.updates);
    expect(upgraded.found).toEqual(before.found);
    const kista = (await api(app).get('/api/v1/search').query({ q: 'Kista' }).set(bearer(t.auditor)).expect(200)).body as Array<{ snippet: string }>;
    expect(kista.map((h) => h.snippet)).toEqual(['Mentorerna ses sedan i Kista.']);
    expect((await api(app).get('/api/v1/search').query({ q: 'Tensta' }).set(bearer(t.auditor)).expect(200)).body).toEqual([]);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 40, note: 'Mentorerna träffas nu i Akalla.' }).expect(200);
    const after = await read();
    expect(after.updates).toHaveLength(5);
    expect((after.found as Array<{ snippet: string }>).map((h) => h.snippet)).toContain('Mentorerna träffas nu i Akalla.');
  });
});
