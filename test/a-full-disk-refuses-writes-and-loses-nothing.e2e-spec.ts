import type { INestApplication } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import { Database } from '../src/event-store/database';
import { api, bearer, demoTokens, givenAcceptedR2WithAnAction, startApp, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

/**
 * A database whose disk is full: SQLite is held at its size with max_page_count, so the
 * page a long note needs cannot be had (SQLITE_FULL, as on a full disk: measured on a
 * full tmpfs, the same answers). PostgreSQL's disk_full cannot be made on demand here;
 * it maps the same way (http-exception.filter.ts). So this runs on SQLite in both runs.
 */
describe('a write when the database has no room left', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;
  let actionId: string;
  let sqlite: BetterSqlite3.Database;
  /** No page more than the file has: a write that needs one fails as on a full disk. */
  const fillTheDisk = () => sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
  const makeRoom = () => sqlite.pragma('max_page_count = 1073741823');

  beforeEach(async () => {
    db = await TestDatabase.create('sqlite');
    app = await startApp(db);
    t = await demoTokens(app);
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Kartlägg deltagarna', dueDate: '2012-12-31' }));
    sqlite = (app.get(Database).dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  });

  afterEach(async () => {
    await app.close();
    await db.drop();
  });

  it('is a 503 that says so, writes nothing, and the same write goes through once there is room', async () => {
    const before = (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.sfiOfficer)).expect(200)).body;
    const note = { progressPercent: 40, note: 'Rinkeby och Tensta kartlagda. '.repeat(160).slice(0, 4800) };
    const progress = () => api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send(note);

    fillTheDisk();
    const refused = await progress().expect(503);
    expect(refused.body).toMatchObject({
      statusCode: 503,
      message: 'The database has no room left on its disk: nothing was written. Try again once an administrator has made room',
      correlationId: expect.any(String),
    });
    const after = (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.sfiOfficer)).expect(200)).body;
    expect(after.version).toBe(before.version);
    expect(after.actions[0]).toMatchObject({ progressPercent: 0, updateCount: 0 });
    await api(app).get('/api/v1/health/live').expect(200);

    makeRoom();
    const saved = await progress().expect(200);
    expect(saved.body.actions[0]).toMatchObject({ progressPercent: 40, updateCount: 1 });
  });

  it('on the web, the form is answered with a 503 page that says it in Swedish and gives the reason', async () => {
    const officer = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    fillTheDisk();
    const page = await officer.post(`/rekommendationer/${r2}/atgarder/${actionId}/framsteg`, { progressPercent: '40', note: 'Tensta kartlagt. '.repeat(300).slice(0, 4800) }, `/rekommendationer/${r2}`);
    makeRoom();
    expect(page.status).toBe(503);
    expect(page.html).toContain('Det gick inte att slutföra just nu.');
    expect(page.html).toContain('The database has no room left on its disk: nothing was written.');
    expect(page.html).toMatch(/id="correlation-id">[0-9a-f-]{36}</);
    const after = (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.sfiOfficer)).expect(200)).body;
    expect(after.actions[0]).toMatchObject({ updateCount: 0 });
  });
});
