import BetterSqlite3 from 'better-sqlite3';
import { Database } from '../src/event-store/database';
import { Projector } from '../src/projections/projector';
import { SearchIndex } from '../src/search/search-index';
import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, startApp, startDemoApp, stopDemoApp, TEST_DATABASE } from './support/test-app';
import { WebClient } from './support/web-client';

interface Hit {
  kind: string;
  recommendationId: string;
  actionId?: string;
  code: string;
  title: string;
  snippet: string;
}

describe('search: Swedish word forms across recommendations, actions and notes, paged, for whoever may read them', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let actionId: string;

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-03-15T09:00:00Z' }));
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Mentorer för nyanlända', dueDate: '2012-06-20' }));
    const progress = (note: string, pct: number) =>
      api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: pct, note }).expect(200);
    await progress('Alla deltagare har nu gått språkkurserna i Rinkeby.', 20);
    await progress('Fel åtgärd: språkkursen gällde Tensta.', 30);
  });
  afterAll(() => stopDemoApp({ db, app }));

  const search = (q: string, token = t.utredningOfficer, query: Record<string, string> = {}) => api(app).get('/api/v1/search').query({ q, ...query }).set(bearer(token));

  it('språkkurs finds the note that says "språkkurserna", under R2 and its action, with the word in the snippet, for an officer of another unit too', async () => {
    const res = await search('språkkurs').expect(200);
    const hits = res.body as Hit[];
    const note = hits.find((h) => h.snippet.includes('språkkurserna'))!;
    expect(note).toMatchObject({ kind: 'note', recommendationId: r2, actionId, code: 'R2', title: 'Mentorer för nyanlända' });
    expect(note.snippet).toBe('Alla deltagare har nu gått språkkurserna i Rinkeby.');
    for (const token of [t.auditor, t.secretary, t.sfiHead, t.admin]) expect((await search('språkkurs', token).expect(200)).body.length).toBe(hits.length);
  });

  it('a retracted note is no longer found; the others still are', async () => {
    const before = (await search('Tensta').expect(200)).body as Hit[];
    expect(before.map((h) => h.kind)).toEqual(['note']);
    const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    const wrong = detail.body.actions[0].updates.find((u: { note: string }) => u.note.includes('Tensta'));
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress/${wrong.id}/retract`).set(bearer(t.sfiOfficer)).send({ reason: 'Fel åtgärd' }).expect(200);
    expect((await search('Tensta').expect(200)).body).toEqual([]);
    const notes = ((await search('språkkurserna').expect(200)).body as Hit[]).filter((h) => h.kind === 'note');
    expect(notes.map((h) => h.snippet)).toEqual(['Alla deltagare har nu gått språkkurserna i Rinkeby.']);
  });

  it('finds recommendations and actions by their words, every word of the query', async () => {
    const mentor = (await search('mentorerna').expect(200)).body as Hit[];
    expect(mentor).toContainEqual(expect.objectContaining({ kind: 'action', code: 'R2', actionId, title: 'Mentorer för nyanlända' }));
    const both = (await search('mentorer Rinkeby').expect(200)).body as Hit[];
    expect(both).toEqual([]);
  });

  it('limit=2 gives two hits, X-Total-Count and X-Next-After, and the next page the rest', async () => {
    // Two seeded recommendations speak of språkkurser, and the note of språkkurserna.
    const all = await search('språkkurs').expect(200);
    const total = Number(all.headers['x-total-count']);
    expect(total).toBeGreaterThan(2);
    const first = await search('språkkurs', t.utredningOfficer, { limit: '2' }).expect(200);
    expect(first.body).toHaveLength(2);
    expect(first.headers['x-total-count']).toBe(String(total));
    expect(first.headers['x-next-after']).toBeTruthy();
    const rest = await search('språkkurs', t.utredningOfficer, { limit: '1000', after: first.headers['x-next-after'] }).expect(200);
    expect(rest.body).toHaveLength(total - 2);
    expect(rest.headers['x-next-after']).toBeUndefined();
    expect([...first.body, ...rest.body]).toEqual(all.body);
  });

  it('a query without a word, or a cursor not from X-Next-After, is 400 naming the field; without a token 401', async () => {
    expect(JSON.stringify((await search('  ').expect(400)).body)).toContain('q');
    expect(JSON.stringify((await search('!!!').expect(400)).body)).toContain('q');
    expect(JSON.stringify((await search('språkkurs', t.auditor, { after: 'x' }).expect(400)).body)).toContain('after');
    await api(app).get('/api/v1/search?q=och').expect(401);
    // Words too common to tell texts apart are left out, as PostgreSQL's Swedish configuration leaves them out.
    expect((await search('och för').expect(200)).body).toEqual([]);
  });

  it('a note retracted before anything searched is not found, and its words in another note are', async () => {
    const post = (note: string) =>
      api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 35, note }).expect(200);
    await post('Deltagarna besökte Vällingby.');
    const wrong = (await post('Deltagarna besökte Hässelby.')).body.actions.find((a: { id: string }) => a.id === actionId).updates.find((u: { note: string }) => u.note.includes('Hässelby'));
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress/${wrong.id}/retract`).set(bearer(t.sfiOfficer)).send({ reason: 'Fel ort' }).expect(200);
    expect((await search('Hässelby').expect(200)).body).toEqual([]);
    expect(((await search('besökte').expect(200)).body as Hit[]).map((h) => h.snippet)).toEqual(['Deltagarna besökte Vällingby.']);
  });

  it('the entries the appends wrote, once the index is up to date, are the rows a rebuild writes', async () => {
    const entries = async () => {
      await app.get(SearchIndex).upToDate();
      return (
        await app.get(Database).query<Record<string, unknown>>('SELECT recommendation_id, kind, action_id, seq, title, body, stems, retracted FROM search_entries ORDER BY recommendation_id, kind, action_id, seq')
      ).map((r) => ({ ...r, seq: Number(r.seq), retracted: Number(r.retracted) }) as Record<string, unknown>);
    };
    const inline = await entries();
    expect(inline.filter((e) => e.kind === 'note').length).toBeGreaterThanOrEqual(4);
    await app.get(Projector).rebuild();
    expect(await entries()).toEqual(inline);
  });

  it('npm run projections:rebuild makes the same index', async () => {
    const before = (await search('språkkurs').expect(200)).body;
    const note = (await search('språkkurs').expect(200)).body;
    await app.get(Projector).rebuild(['search']);
    expect((await search('språkkurs').expect(200)).body).toEqual(before);
    expect((await search('språkkurs').expect(200)).body).toEqual(note);
    await app.get(Projector).rebuild();
    expect((await search('Tensta').expect(200)).body).toEqual([]);
    // A note written after a rebuild is found as any other: the index is kept in step again.
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 40, note: 'Mentorerna träffar deltagarna i Husby.' }).expect(200);
    expect(((await search('Husby').expect(200)).body as Hit[]).map((h) => h.snippet)).toEqual(['Mentorerna träffar deltagarna i Husby.']);
  });

  it('an action renamed at once, and again after a search, is found by its last title only; on SQLite the full-text index then matches its entries', async () => {
    const added = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Studiebesök i Göteborg', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-09-30' })
      .expect(201);
    const visit = (added.body.actions as Array<{ id: string; title: string }>).find((a) => a.title === 'Studiebesök i Göteborg')!.id;
    const rename = (title: string) => api(app).patch(`/api/v1/recommendations/${r2}/actions/${visit}`).set(bearer(t.sfiOfficer)).send({ title, reason: 'Ny ort' }).expect(200);
    const titles = async (q: string) => ((await search(q).expect(200)).body as Hit[]).filter((h) => h.actionId === visit).map((h) => h.title);
    // Renamed before anything searched: on SQLite, before the full-text index took the action in.
    await rename('Studiebesök i Malmö');
    expect(await titles('Göteborg')).toEqual([]);
    expect(await titles('Malmö')).toEqual(['Studiebesök i Malmö']);
    // Renamed once the index holds it.
    await rename('Studiebesök i Uppsala');
    expect(await titles('Malmö')).toEqual([]);
    expect(await titles('Uppsala')).toEqual(['Studiebesök i Uppsala']);
    if (app.get(Database).dialect === 'sqlite') {
      await app.get(SearchIndex).upToDate();
      // FTS5 compares its index with the entries' stems and throws on any difference.
      await expect(app.get(Database).write((tx) => tx.query("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')"))).resolves.toBeDefined();
    }
  });

  if (TEST_DATABASE === 'sqlite') {
    it('a search answers while another process holds the write lock (a worker, a rebuild), its index being up to date', async () => {
      await search('språkkurs').expect(200);
      const other = new BetterSqlite3(db.sqlitePath!);
      other.exec('BEGIN IMMEDIATE');
      try {
        const started = Date.now();
        expect(((await search('språkkurs').expect(200)).body as Hit[]).length).toBeGreaterThan(0);
        // Well inside the busy timeout (5 s) a write would have waited for.
        expect(Date.now() - started).toBeLessThan(2000);
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    });
  }

  it('a note written just before the app stopped is found after it starts again', async () => {
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 50, note: 'Mentorerna har besökt Skärholmen.' }).expect(200);
    await app.close();
    app = await startApp(db, { APP_NOW: '2012-03-15T09:00:00Z' });
    expect(((await search('Skärholmen').expect(200)).body as Hit[]).map((h) => h.snippet)).toEqual(['Mentorerna har besökt Skärholmen.']);
  });

  it('the audit log names a recommendation by its code and title next to its stream id, in the API and on /logg', async () => {
    const res = await api(app).get('/api/v1/audit/events').query({ streamId: `recommendation-${r2}` }).set(bearer(t.auditor)).expect(200);
    const entries = res.body as Array<{ streamId: string; recommendation?: { code: string; title: string } }>;
    expect(entries.length).toBeGreaterThan(2);
    const r2Title = (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200)).body.title;
    for (const e of entries) expect(e.recommendation).toEqual({ code: 'R2', title: r2Title });
    const others = (await api(app).get('/api/v1/audit/events').query({ limit: '1000' }).set(bearer(t.auditor)).expect(200)).body as Array<{ streamId: string; recommendation?: unknown }>;
    expect(others.filter((e) => !e.streamId.startsWith('recommendation-')).every((e) => e.recommendation === undefined)).toBe(true);
    const web = await WebClient.signIn(app, 'revisor@demo.local');
    const page = await web.get(`/logg?streamId=recommendation-${r2}`);
    expect(page.html).toContain(`<a href="/rekommendationer/${r2}" class="event-subject"><strong>R2</strong>`);
  });

  it('600 notes written between two searches, more than the index copies in one step, are all found, the first, the middle and the last', async () => {
    const notes = Array.from({ length: 600 }, (_, i) => (i === 0 ? 'Rutinmöte i Flemingsberg.' : i === 299 ? 'Rutinmöte i Fittja.' : i === 599 ? 'Rutinmöte i Sätra.' : 'Rutinmöte med deltagarna.'));
    for (let i = 0; i < notes.length; i += 20) {
      await Promise.all(
        notes.slice(i, i + 20).map((note) =>
          api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 60, note }).expect(200),
        ),
      );
    }
    for (const place of ['Flemingsberg', 'Fittja', 'Sätra']) {
      expect(((await search(place).expect(200)).body as Hit[]).map((h) => h.snippet)).toEqual([`Rutinmöte i ${place}.`]);
    }
    expect((await search('rutinmöte', t.utredningOfficer, { limit: '1' }).expect(200)).headers['x-total-count']).toBe('600');
    if (app.get(Database).dialect === 'sqlite') {
      await expect(app.get(Database).write((tx) => tx.query("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')"))).resolves.toBeDefined();
    }
  });

  it('the results page marks the word found, escapes what was typed, and links to the action', async () => {
    const web = await WebClient.signIn(app, 'handlaggare.utredning@demo.local');
    const page = await web.get(`/sok?q=${encodeURIComponent('språkkurs')}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<mark>språkkurserna</mark>');
    expect(page.html).toContain(`href="/rekommendationer/${r2}#action-${actionId}"`);
    expect(page.html).toMatch(/role="search"/);
    // The page's own search is named by its heading, apart from the header's (axe: landmark-unique).
    expect(page.html).toMatch(/<h1 id="search-title">[^<]+<\/h1>[\s\S]*role="search" class="panel stack search-form" aria-labelledby="search-title"/);
    const hostile = await web.get(`/sok?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile.status).toBe(200);
    expect(hostile.html).not.toContain('<script>alert(1)</script>');
    expect(hostile.html).toContain('&lt;script&gt;');
    const empty = await web.get('/sok');
    expect(empty.status).toBe(200);
    const anonymous = await api(app).get('/sok?q=och').redirects(0);
    expect(anonymous.status).toBe(303);
  });
});
