import { Clock } from '../src/kernel/clock';
import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, startDemoApp, stopDemoApp } from './support/test-app';
import { WebClient } from './support/web-client';

/**
 * What an outside client found a hand-made request could do (2026-12-03):
 * store a meeting, a milestone or a link that was not one, store text other
 * than it answered with, slip a field past the whitelist, get a 500 from a
 * cursor or a form. Each is now a 4xx that names the problem and writes
 * nothing, on SQLite and PostgreSQL alike.
 */
describe('requests made by hand are refused, naming the problem, and write nothing', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let actionId: string;
  let reviewId: string;
  const history = async () => (await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200)).body.length as number;
  const fieldsOf = (body: { details?: Array<{ field: string; message: string }> }) => (body.details ?? []).map((d) => d.field);

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-04-10T08:00:00Z' }));
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-08-31' }));
    reviewId = (await api(app).get('/api/v1/reviews').set(bearer(t.secretary)).expect(200)).body[0].id;
  });
  afterAll(() => stopDemoApp({ db, app }));

  it('a list where an object belongs (a meeting, a milestone, a link) is 400 naming it: a meeting of [] was stored, and every later report failed on it', async () => {
    const before = await history();
    const meeting = await api(app).post(`/api/v1/recommendations/${r2}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplanen', meeting: [] }).expect(400);
    expect(fieldsOf(meeting.body)).toContain('meeting');
    const list = await api(app).post(`/api/v1/reviews/${reviewId}/decisions`).set(bearer(t.secretary)).send({ text: 'Beslut', meeting: [{ body: 'AMN', date: '2012-01-01' }] }).expect(400);
    expect(fieldsOf(list.body)).toContain('meeting');
    const link = await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 10, note: 'Början', evidence: [[]] }).expect(400);
    expect(fieldsOf(link.body)).toContain('evidence');
    expect(await history()).toBe(before);
    const cycle = await api(app).post('/api/v1/cycles').set(bearer(t.admin)).send({ name: 'VP 2013', year: 2013, milestones: [[]], reminderDaysBefore: [7] }).expect(400);
    expect(fieldsOf(cycle.body)).toContain('milestones');
    expect((await api(app).get('/api/v1/cycles').set(bearer(t.admin)).expect(200)).body.map((c: { name: string }) => c.name)).not.toContain('VP 2013');
  });

  it('half of a character pair (a lone surrogate) is 400 naming the field: each database kept something other than the answer said', async () => {
    const refused = await api(app).post('/api/v1/reviews').set(bearer(t.secretary)).send({ title: 'Granskning \ud83d', reviewer: 'EUROCITIES', reviewedOn: '2012-01-01', committee: 'AMN' }).expect(400);
    expect(refused.body.details).toEqual([{ field: 'title', message: 'must not contain half of a character pair (a lone surrogate)' }]);
    // A whole pair is a character like any other.
    const emoji = await api(app).post('/api/v1/reviews').set(bearer(t.secretary)).send({ title: 'Granskning 😀', reviewer: 'EUROCITIES', reviewedOn: '2012-01-01', committee: 'AMN' }).expect(201);
    expect((await api(app).get(`/api/v1/reviews/${emoji.body.id}`).set(bearer(t.secretary)).expect(200)).body.title).toBe('Granskning 😀');
  });

  it("a field named after one of Object.prototype's members (toString, constructor) is not a known field: 400, as any other", async () => {
    const body = '{"title":"Granskning","reviewer":"x","reviewedOn":"2012-01-01","committee":"AMN","toString":"x","meeting":{"constructor":1}}';
    const refused = await api(app).post('/api/v1/reviews').set(bearer(t.secretary)).set('Content-Type', 'application/json').send(body).expect(400);
    expect(refused.body.details).toEqual(expect.arrayContaining([{ field: 'toString', message: 'is not a known field' }, { field: 'meeting.constructor', message: 'is not a known field' }]));
  });

  it('text of only invisible characters (a zero-width space, direction marks) is empty: 400', async () => {
    const before = await history();
    const comment = await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.sfiOfficer)).send({ text: '\u200b' }).expect(400);
    expect(fieldsOf(comment.body)).toEqual(['text']);
    const title = await api(app).post('/api/v1/reviews').set(bearer(t.secretary)).send({ title: '\u200f\u200e', reviewer: 'x', reviewedOn: '2012-01-01', committee: 'AMN' }).expect(400);
    expect(fieldsOf(title.body)).toEqual(['title']);
    expect(await history()).toBe(before);
  });

  it('a note\'s id in the path is its number as written: "1.0", "1e3" and "abc" are 400, not note 1, note 1000 or "NaN"', async () => {
    for (const id of ['1.0', '1e3', 'abc']) {
      const refused = await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress/${id}/retract`).set(bearer(t.sfiOfficer)).send({ reason: 'Fel' }).expect(400);
      expect(refused.body.message).toBe(`"${id}" is not a progress note's id`);
    }
  });

  it('a number in a query string is digits: 0x10, 1e3 and " 5" are 400 naming the parameter, not 16, 1000 and 5', async () => {
    for (const [path, field] of [
      ['/api/v1/audit/events?after=0x10', 'after'],
      ['/api/v1/recommendations?limit=1e3', 'limit'],
      ['/api/v1/reviews?limit=%205', 'limit'],
      [`/api/v1/recommendations/${r2}/history?after=1.5`, 'after'],
    ]) {
      const refused = await api(app).get(path).set(bearer(t.auditor)).expect(400);
      expect({ path, fields: [...new Set(fieldsOf(refused.body))] }).toEqual({ path, fields: [field] });
    }
    const paged = await api(app).get('/api/v1/audit/events?after=05&limit=2').set(bearer(t.auditor)).expect(200);
    expect(paged.body.map((e: { position: number }) => e.position)).toEqual([6, 7]);
  });

  it('a sorted cursor with NUL in it, or a due date that is not a date, is 400 naming after (NUL was a 500 on PostgreSQL)', async () => {
    const cursor = (sort: string, place: unknown[]) => `${sort}~${Buffer.from(JSON.stringify(place)).toString('base64url')}`;
    for (const [sort, place] of [
      ['status', ['x\u0000', reviewId, 1]],
      ['status', ['accepted', `${reviewId}\u0000`, 1]],
      ['dueDate', ['snart', reviewId, 1]],
      ['lastChangedAt', ['igår', reviewId, 1]],
    ] as const) {
      const refused = await api(app).get(`/api/v1/recommendations?limit=2&sort=${sort}&after=${cursor(sort, [...place])}`).set(bearer(t.secretary)).expect(400);
      expect(fieldsOf(refused.body)).toEqual(['after']);
    }
    // One from X-Next-After still takes the next page.
    const first = await api(app).get('/api/v1/recommendations?limit=2&sort=lastChangedAt').set(bearer(t.secretary)).expect(200);
    await api(app).get(`/api/v1/recommendations?limit=2&sort=lastChangedAt&after=${first.headers['x-next-after']}`).set(bearer(t.secretary)).expect(200);
  });

  it('the ETag of a review, a cycle and a comment just written is the version, which If-Match takes', async () => {
    const review = await api(app).get(`/api/v1/reviews/${reviewId}`).set(bearer(t.secretary)).expect(200);
    expect(review.headers.etag).toBe(`"${review.body.version}"`);
    const [{ id: cycleId }] = (await api(app).get('/api/v1/cycles').set(bearer(t.admin)).expect(200)).body;
    const cycle = await api(app).get(`/api/v1/cycles/${cycleId}`).set(bearer(t.admin)).expect(200);
    expect(cycle.headers.etag).toBe(`"${cycle.body.version}"`);
    await api(app).post(`/api/v1/reviews/${reviewId}/decisions`).set(bearer(t.secretary)).set('If-Match', review.headers.etag).send({ text: 'Nämnden tar del av rapporten', meeting: { body: 'AMN', date: '2012-03-20' } }).expect(201);
    // A comment's answer names the recommendation's version after it, which the next write may send back.
    const comment = await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.sfiOfficer)).send({ text: 'Vi börjar i Järva' }).expect(201);
    const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.sfiOfficer)).expect(200);
    expect(comment.headers.etag).toBe(`"${detail.body.version}"`);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).set('If-Match', comment.headers.etag).send({ progressPercent: 5, note: 'Start' }).expect(200);
  });

  it('a report asked for as of a day still to come is made as of now, so made again from the same request it is the same', async () => {
    const [{ id: cycleId }] = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary)).expect(200)).body;
    const request = { cycleId, milestoneKey: 'T1', reviewId, language: 'sv', format: 'json', asOf: '2100-01-01' };
    const made = await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send(request).expect(201);
    expect(Date.parse(made.body.asOf)).toBeLessThanOrEqual(Date.parse(app.get(Clock).nowIso()));
    expect(made.body.asOf.startsWith('2012-04-10')).toBe(true);
    // Made again from what it recorded, after more was written: the same content.
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 30, note: 'Efter rapporten' }).expect(200);
    const again = await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ ...request, asOf: made.body.asOf }).expect(201);
    expect(again.body.sha256).toBe(made.body.sha256);
  });

  it('a form field sent twice, or a multipart field named like a[b], is a 400 page naming it, not a 500 (the pages read text)', async () => {
    const admin = await WebClient.signIn(app, 'admin@demo.local');
    const twice = await admin.postByHand('/enheter', '/enheter', (req, csrf) => req.type('form').send(`_csrf=${csrf}&id=a&id=b&name=N&nameEn=N`));
    expect(twice.status).toBe(400);
    expect(twice.html).toContain('Fields sent more than once or not as text: id');
    const link = await admin.get('/rekommendationer?efter=a&efter=b');
    expect(link.status).toBe(400);
    expect(link.html).toContain('Fields sent more than once or not as text: efter');
    const officer = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    const page = `/rekommendationer/${r2}`;
    const before = await history();
    const evidence = await officer.postByHand(`${page}/atgarder/${actionId}/framsteg`, page, (req, csrf) =>
      req.type('form').send(`_csrf=${csrf}&progressPercent=10&note=x&evidenceTitle1=t&evidenceUrl1=https://a.se&evidenceUrl1=https://b.se`),
    );
    expect(evidence.status).toBe(400);
    expect(evidence.html).toContain('evidenceUrl1');
    const multipart = await officer.postByHand(`${page}/atgarder/${actionId}/kommentarer`, page, (req, csrf) => req.field('_csrf', csrf).field('text[b]', 'x'));
    expect(multipart.status).toBe(400);
    expect(multipart.html).toContain('text');
    expect(await history()).toBe(before);
  });
});
