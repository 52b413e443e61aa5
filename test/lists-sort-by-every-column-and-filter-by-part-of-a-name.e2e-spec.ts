import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, startDemoApp, stopDemoApp } from './support/test-app';
import { WebClient } from './support/web-client';

interface Summary {
  id: string;
  code: string;
  title: string;
  lastChangedAt: string;
}

describe('the recommendations list sorts by every column and filters by part of a name, paged consistently', () => {
  let { db, app, t } = {} as DemoApp;

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-03-15T09:00:00Z' }));
    await givenAcceptedR2WithAnAction(app, t, { title: 'Mentorer för nyanlända', dueDate: '2012-06-20' });
    const r3 = ((await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200)).body as Summary[]).find((r) => r.code === 'R3')!;
    await api(app).post(`/api/v1/recommendations/${r3.id}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i planen' }).expect(200);
    await api(app)
      .post(`/api/v1/recommendations/${r3.id}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Nätverk för lärare', responsibleUnit: 'sfi', ownerEmail: 'chef.sfi@demo.local', dueDate: '2012-09-30' })
      .expect(201);
  });
  afterAll(() => stopDemoApp({ db, app }));

  const list = (query: Record<string, string>, token = t.auditor) => api(app).get('/api/v1/recommendations').query(query).set(bearer(token));
  const codes = (body: Summary[]) => body.map((r) => r.code);

  /** Every page of a query, following X-Next-After, with the totals each page gave. */
  async function allPages(query: Record<string, string>): Promise<{ codes: string[]; totals: string[]; pages: number }> {
    const seen: string[] = [];
    const totals: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const res = await list({ ...query, limit: '2', ...(after ? { after } : {}) }).expect(200);
      seen.push(...codes(res.body));
      totals.push(res.headers['x-total-count']);
      after = res.headers['x-next-after'];
      pages++;
    } while (after);
    return { codes: seen, totals, pages };
  }

  it('sort=-code lists R5 to R1, and limit=2 gives two rows with X-Total-Count and X-Next-After, page after page in that order', async () => {
    expect(codes((await list({ sort: '-code' }).expect(200)).body)).toEqual(['R5', 'R4', 'R3', 'R2', 'R1']);
    const first = await list({ sort: '-code', limit: '2' }).expect(200);
    expect(codes(first.body)).toEqual(['R5', 'R4']);
    expect(first.headers['x-total-count']).toBe('5');
    expect(first.headers['x-next-after']).toBeTruthy();
    expect(await allPages({ sort: '-code' })).toEqual({ codes: ['R5', 'R4', 'R3', 'R2', 'R1'], totals: ['5', '5', '5'], pages: 3 });
  });

  it('sorts by title, by the next due date (none last), by progress and by overdue, each way, paged the same as whole', async () => {
    expect(codes((await list({ sort: 'title' }).expect(200)).body)).toEqual(['R3', 'R1', 'R4', 'R5', 'R2']);
    expect(codes((await list({ sort: 'dueDate' }).expect(200)).body)).toEqual(['R2', 'R3', 'R1', 'R4', 'R5']);
    // Descending too, none last and ties in code order, as API.md says (R5, R4 and R1, with no open action, came first, backwards).
    expect(codes((await list({ sort: '-dueDate' }).expect(200)).body)).toEqual(['R3', 'R2', 'R1', 'R4', 'R5']);
    // No progress yet anywhere: every row ties, and both ways keep the code order (descending reversed it).
    expect(codes((await list({ sort: 'progressPercent' }).expect(200)).body)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    expect(codes((await list({ sort: '-progressPercent' }).expect(200)).body)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    for (const sort of ['title', '-title', 'status', '-responsibleUnit', 'progressPercent', '-actionCount', 'openActionCount', '-overdueActionCount', 'dueDate', '-lastChangedAt']) {
      const whole = codes((await list({ sort }).expect(200)).body);
      expect((await allPages({ sort })).codes).toEqual(whole);
    }
  });

  it('a cursor made for another sort, or an unknown sort, is 400 naming the field', async () => {
    const first = await list({ sort: 'title', limit: '2' }).expect(200);
    expect(JSON.stringify((await list({ sort: '-title', after: first.headers['x-next-after'] }).expect(400)).body)).toContain('after');
    // Without any sort, too, the message says which sort the cursor was made for.
    const unsorted = (await list({ after: first.headers['x-next-after'] }).expect(400)).body;
    expect(unsorted.message).toContain('was made for sort=title');
    expect(unsorted.details).toEqual([expect.objectContaining({ field: 'after' })]);
    expect(JSON.stringify((await list({ sort: 'colour' }).expect(400)).body)).toContain('sort');
  });

  it('a cursor made up by hand, well formed but with a value the column cannot hold, is 400 on the API and on the page, never 500', async () => {
    const review = ((await list({ limit: '1' }).expect(200)).body as Array<{ reviewId: string }>)[0].reviewId;
    const madeUp = (sort: string, place: unknown[]) => `${sort}~${Buffer.from(JSON.stringify(place)).toString('base64url')}`;
    const cursors: Array<[string, string]> = [
      ['progressPercent', madeUp('progressPercent', ['femtio', review, 1])],
      ['progressPercent', madeUp('progressPercent', [1e20, review, 1])],
      ['progressPercent', madeUp('progressPercent', [50, review, 1e20])],
      ['progressPercent', madeUp('progressPercent', [50.5, review, 1])],
      ['title', madeUp('title', [5, review, 1])],
      ['-code', madeUp('-code', ['R1', review, 1])],
    ];
    const web = await WebClient.signIn(app, 'revisor@demo.local');
    for (const [sort, after] of cursors) {
      const res = await list({ sort, after });
      expect([res.status, res.body.details]).toEqual([400, [expect.objectContaining({ field: 'after' })]]);
      expect((await web.get(`/rekommendationer?sort=${sort}&efter=${after}`)).status).toBe(400);
    }
    const good = madeUp('progressPercent', [0, review, 1]);
    expect((await list({ sort: 'progressPercent', after: good })).status).toBe(200);
  });

  it('filters by part of a unit, review or owner name, in any case, in Swedish and English', async () => {
    expect(codes((await list({ unit: 'SFI-AVD' }).expect(200)).body)).toEqual(['R2', 'R3', 'R4']);
    expect(codes((await list({ unit: 'analysis' }).expect(200)).body)).toEqual(['R1', 'R5']);
    expect(codes((await list({ unit: 'sfi' }).expect(200)).body)).toEqual(['R2', 'R3', 'R4']);
    expect((await list({ review: 'mixities' }).expect(200)).body).toHaveLength(5);
    const none = await list({ review: 'ingen sådan granskning' }).expect(200);
    expect(none.body).toEqual([]);
    expect(none.headers['x-total-count']).toBe('0');
    expect(codes((await list({ owner: 'hanna' }).expect(200)).body)).toEqual(['R2']);
    expect(codes((await list({ owner: 'SFI@demo' }).expect(200)).body)).toEqual(['R2', 'R3']);
    expect(codes((await list({ owner: 'Olle' }).expect(200)).body)).toEqual([]);
    expect(await allPages({ unit: 'sfi', sort: '-title' })).toEqual({ codes: ['R2', 'R4', 'R3'], totals: ['3', '3'], pages: 2 });
  });

  it('as things stood at an instant, the same sorts and filters give the same pages', async () => {
    const now = (await list({}).expect(200)).body as Summary[];
    const asOf = new Date(Date.parse(now.map((r) => r.lastChangedAt).sort().at(-1)!) + 1000).toISOString();
    const queries: Array<Record<string, string>> = [{ sort: '-code' }, { sort: 'dueDate' }, { sort: '-title', unit: 'sfi' }, { owner: 'sfi@demo' }];
    for (const query of queries) {
      const current = await allPages(query);
      expect(await allPages({ ...query, asOf })).toEqual(current);
    }
  });

  it('the reviews list sorts by each column and filters by part of a title or reviewer, in Swedish order, on the page too', async () => {
    await api(app)
      .post('/api/v1/reviews')
      .set(bearer(t.secretary))
      .send({ title: 'Årsrapport om sfi 2011', reviewer: 'Stadsrevisionen', reviewedOn: '2012-02-01', committee: 'Arbetsmarknadsnämnden' })
      .expect(201);
    const titles = async (query: Record<string, string>) =>
      ((await api(app).get('/api/v1/reviews').query(query).set(bearer(t.auditor)).expect(200)).body as Array<{ title: string }>).map((r) => r.title.slice(0, 8));
    expect(await titles({})).toEqual(['MIXITIES', 'Årsrappo']);
    expect(await titles({ sort: 'title' })).toEqual(['MIXITIES', 'Årsrappo']);
    expect(await titles({ sort: '-title' })).toEqual(['Årsrappo', 'MIXITIES']);
    expect(await titles({ sort: '-reviewedOn' })).toEqual(['Årsrappo', 'MIXITIES']);
    expect(await titles({ sort: '-recommendationCount' })).toEqual(['MIXITIES', 'Årsrappo']);
    expect(await titles({ title: 'ÅRSRAPPORT' })).toEqual(['Årsrappo']);
    expect(await titles({ reviewer: 'revision' })).toEqual(['Årsrappo']);
    expect(JSON.stringify((await api(app).get('/api/v1/reviews?sort=colour').set(bearer(t.auditor)).expect(400)).body)).toContain('sort');
    const web = await WebClient.signIn(app, 'revisor@demo.local');
    const page = await web.get('/granskningar?sort=-title');
    expect(page.html.indexOf('Årsrapport om sfi 2011')).toBeLessThan(page.html.indexOf('MIXITIES peer review'));
    expect(page.html).toMatch(/aria-sort="descending"><a class="sort-link" href="\/granskningar\?sort=title">Rubrik/);
  });

  it('the users list sorts by each column and filters by part of a name or address, paged the same as whole, on the page too', async () => {
    const users = async (query: Record<string, string>) => {
      const res = await api(app).get('/api/v1/users').query(query).set(bearer(t.admin)).expect(200);
      return { names: (res.body as Array<{ name: string }>).map((u) => u.name), total: res.headers['x-total-count'], next: res.headers['x-next-after'] as string | undefined };
    };
    const byName = await users({ sort: 'name' });
    expect(byName.names).toEqual(['Alva Admin', 'Hanna Handläggare', 'Karin Avdelningschef', 'Olle Utredare', 'Rut Revisor', 'Sara Sekreterare']);
    expect((await users({ sort: '-name' })).names).toEqual([...byName.names].reverse());
    const paged: string[] = [];
    let after: string | undefined;
    do {
      const page = await users({ sort: '-role', limit: '2', ...(after ? { after } : {}) });
      expect(page.total).toBe('6');
      paged.push(...page.names);
      after = page.next;
    } while (after);
    expect(paged).toEqual((await users({ sort: '-role' })).names);
    expect((await users({ q: 'HANDLÄGG' })).names).toEqual(['Hanna Handläggare']);
    expect((await users({ q: 'sfi@', sort: 'name' })).names).toEqual(['Hanna Handläggare', 'Karin Avdelningschef']);
    const first = await users({ sort: 'name', limit: '2' });
    expect(JSON.stringify((await api(app).get('/api/v1/users').query({ sort: 'email', after: first.next! }).set(bearer(t.admin)).expect(400)).body)).toContain('after');
    expect(JSON.stringify((await api(app).get('/api/v1/users?sort=colour').set(bearer(t.admin)).expect(400)).body)).toContain('sort');
    const web = await WebClient.signIn(app, 'admin@demo.local');
    const page = await web.get('/anvandare?q=sfi%40&sort=-name');
    expect(page.html.indexOf('Karin Avdelningschef')).toBeLessThan(page.html.indexOf('Hanna Handläggare'));
    expect(page.html).not.toContain('Olle Utredare');
    expect(page.html).toMatch(/aria-sort="descending"><a class="sort-link" href="\/anvandare\?q=sfi%40&amp;sort=name">Namn/);
  });

  it('the page sorts by a column header, says so with aria-sort, and keeps the filters typed as part of a name', async () => {
    const web = await WebClient.signIn(app, 'revisor@demo.local');
    const page = await web.get('/rekommendationer?unit=sfi-avd&sort=-code');
    expect(page.status).toBe(200);
    const rows = [...page.html.matchAll(/<tr>\s*<td>(R\d)<\/td>/g)].map((m) => m[1]);
    expect(rows).toEqual(['R4', 'R3', 'R2']);
    expect(page.html).toMatch(/<th scope="col" aria-sort="descending"><a class="sort-link" href="\/rekommendationer\?unit=sfi-avd&amp;sort=code">Rek\./);
    expect(page.html).toMatch(/<th scope="col" aria-sort="none"><a class="sort-link" href="\/rekommendationer\?unit=sfi-avd&amp;sort=title">Rekommendation/);
    expect(page.html).toContain('value="sfi-avd"');
  });
});
