import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { api, bearer, demoTokens, startApp, TestDatabase } from './support/test-app';

/**
 * A hostile or clumsy client, driven by the API's own OpenAPI document: every
 * route, every path parameter, every query parameter and every body field
 * (nested ones too) gets values of the wrong kind, impossible or far-off
 * dates, odd characters and shapes. Whatever the answer, it is never a 5xx,
 * and the server serves the next request.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What each body field gets in turn. */
const ODD_VALUES: Json[] = [
  null,
  true,
  -1,
  1e308,
  '   ',
  '2012-02-30',
  '9999-12-31',
  '1899-12-31',
  '\u0000<script>alert(1)</script>',
  'x'.repeat(5000),
  [],
  { a: { b: { c: 1 } } },
];

/** What a whole body is replaced by. */
const ODD_BODIES: Json[] = [null, true, 1, 'x', [], [{}], { __proto__: { admin: true } } as unknown as Json];

const ODD_QUERY_VALUES = ['x', '', '2012-02-30', '2012-02-30T10:00:00Z', '9999-12-31T00:00:00Z', '1899-12-31', '-1', '99999999999999999999'];

/** Every way to put one odd value into a copy of a valid body: at each field, nested ones included. */
function mutations(body: Json, value: Json): Json[] {
  if (body === null || typeof body !== 'object') return [value];
  const out: Json[] = [];
  const entries = Array.isArray(body) ? body.map((v, i) => [String(i), v] as const) : Object.entries(body);
  for (const [key, child] of entries) {
    for (const variant of mutations(child, value)) {
      const copy = (Array.isArray(body) ? [...body] : { ...body }) as Record<string, Json>;
      copy[key] = variant;
      out.push(copy as Json);
    }
  }
  return out;
}

describe('a hostile client sends odd values to every route', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: string;
  const ids: Record<string, string> = {};
  const failures: string[] = [];

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { RATE_LIMIT_PER_MINUTE: '1000000', ANON_RATE_LIMIT_PER_MINUTE: '1000000' });
    ({ admin } = await demoTokens(app));
    const [review] = (await api(app).get('/api/v1/reviews').set(bearer(admin)).expect(200)).body;
    const recommendations = (await api(app).get('/api/v1/recommendations').set(bearer(admin)).expect(200)).body;
    const r2 = recommendations.find((r: { code: string }) => r.code === 'R2');
    const [cycle] = (await api(app).get('/api/v1/cycles').set(bearer(admin)).expect(200)).body;
    await api(app)
      .post(`/api/v1/recommendations/${r2.id}/decision`)
      .set(bearer(admin))
      .send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-06-12', paragraph: '§ 14' } })
      .expect(200);
    const added = await api(app)
      .post(`/api/v1/recommendations/${r2.id}/actions`)
      .set(bearer(admin))
      .send({ title: 'Uppsökande besök', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' })
      .expect(201);
    ids.review = review.id;
    ids.recommendation = r2.id;
    ids.action = added.body.actions[0].id;
    ids.cycle = cycle.id;
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  async function send(method: string, url: string, body?: Json): Promise<number> {
    const agent = api(app);
    const req = (agent as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url).set(bearer(admin));
    // As raw JSON text, so that top-level null, true or a number go out as they are.
    const res = body === undefined ? await req : await req.set('Content-Type', 'application/json').send(JSON.stringify(body));
    if (res.status >= 500 || res.status < 200) failures.push(`${method.toUpperCase()} ${url} ${body === undefined ? '' : JSON.stringify(body).slice(0, 200)} → ${res.status}`);
    return res.status;
  }

  const validBodies: Record<string, Json> = {
    'post /api/v1/auth/login': { email: 'sekreterare@demo.local', password: 'wrong-password' },
    'post /api/v1/reviews': { title: 'Granskning', reviewer: 'Revisorerna', reviewedOn: '2012-03-01', committee: 'Arbetsmarknadsnämnden', diaryNumber: 'Dnr 1' },
    'post /api/v1/reviews/{id}/decisions': { text: 'Beslut', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-06-12', paragraph: '§ 1' } },
    'post /api/v1/recommendations': { reviewId: '{review}', code: 'R9', title: 'Ny', text: 'Text', responsibleUnit: 'sfi' },
    'post /api/v1/recommendations/{id}/decision': { decision: 'accepted', reason: 'Skäl', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-06-12' } },
    'post /api/v1/recommendations/{id}/assessment': { status: 'implemented', reason: 'Skäl', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-12-12' } },
    'post /api/v1/recommendations/{id}/reopen': { reason: 'Skäl' },
    'post /api/v1/recommendations/{id}/actions': { title: 'Åtgärd', description: 'Beskrivning', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' },
    'post /api/v1/recommendations/{id}/actions/{actionId}/progress': { progressPercent: 10, note: 'Notering', evidence: [{ title: 'Länk', url: 'https://start.stockholm/' }] },
    'post /api/v1/recommendations/{id}/actions/{actionId}/reschedule': { dueDate: '2012-10-31', reason: 'Skäl' },
    'post /api/v1/recommendations/{id}/actions/{actionId}/complete': { note: 'Klart' },
    'post /api/v1/recommendations/{id}/actions/{actionId}/cancel': { reason: 'Skäl' },
    'post /api/v1/recommendations/{id}/actions/{actionId}/approve': { note: 'Godkänt' },
    'post /api/v1/recommendations/{id}/actions/{actionId}/send-back': { reason: 'Skäl' },
    'post /api/v1/recommendations/{id}/actions/{actionId}/assign': { ownerEmail: 'chef.sfi@demo.local', responsibleUnit: 'sfi' },
    'post /api/v1/cycles': {
      name: 'Plan',
      year: 2013,
      milestones: [{ key: 'T1', name: 'Tertial 1', periodStart: '2013-01-01', periodEnd: '2013-04-30', dueDate: '2013-05-22' }],
      reminderDaysBefore: [14, 7],
    },
    'put /api/v1/cycles/{id}': {
      name: 'Plan',
      year: 2012,
      milestones: [{ key: 'T1', name: 'Tertial 1', periodStart: '2012-01-01', periodEnd: '2012-04-30', dueDate: '2012-05-22' }],
      reminderDaysBefore: [14, 7, 1],
    },
    'post /api/v1/reports': { cycleId: '{cycle}', milestoneKey: 'T1', reviewId: '{review}', asOf: '2012-04-30T00:00:00.000Z', language: 'sv', format: 'json' },
  };

  const resolve = (body: Json): Json => JSON.parse(JSON.stringify(body).replace(/\{(review|cycle)\}/g, (_, key: string) => ids[key]));

  it('never answers a 5xx, whatever goes in a path, a query or a body', async () => {
    const doc = (await api(app).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(25);

    for (const { path, method, op } of operations) {
      const realPath = path.replace('{id}', path.startsWith('/api/v1/reviews') ? ids.review : path.startsWith('/api/v1/cycles') ? ids.cycle : ids.recommendation).replace('{actionId}', ids.action);
      // Path parameters of the wrong kind.
      for (const odd of ['x', randomUUID(), '..%2F..%2Fetc']) {
        if (path.includes('{')) await send(method, path.replace(/\{[^}]+\}/g, odd), method === 'get' ? undefined : {});
      }
      // Query parameters: each named one, and a repeated one (an array), with odd values.
      for (const parameter of (op.parameters ?? []).filter((p) => p.in === 'query')) {
        for (const odd of ODD_QUERY_VALUES) await send(method, `${realPath}?${parameter.name}=${encodeURIComponent(odd)}`);
        await send(method, `${realPath}?${parameter.name}=a&${parameter.name}=b`);
      }
      // Bodies: each field of a valid body in turn gets each odd value.
      const valid = validBodies[`${method} ${path}`];
      if (valid !== undefined) {
        for (const odd of ODD_BODIES) await send(method, realPath, odd);
        await send(method, realPath, { ...(resolve(valid) as object), unknownField: 1 });
        for (const odd of ODD_VALUES) {
          for (const body of mutations(resolve(valid), odd)) await send(method, realPath, body);
        }
      }
    }
    expect(failures).toEqual([]);
    await api(app).get('/api/v1/health/live').expect(200);
  }, 900_000);

  it('never answers a 5xx on a web page, whatever the query string', async () => {
    const pages = ['/', '/logga-in', '/oppet', '/rekommendationer', `/rekommendationer/${ids.recommendation}`, '/mina-atgarder', '/granskningar', `/granskningar/${ids.review}`, '/ej-rapporterat', '/rapporter', '/logg'];
    const params = ['from', 'to', 'asOf', 'datum', 'unit', 'status', 'after', 'efter', 'sort', 'limit', 'next', 'actor', 'type'];
    const form = await api(app).get('/logga-in').expect(200);
    const csrfCookie = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const signedIn = await api(app).post('/logga-in').set('Cookie', csrfCookie).type('form').send({ email: 'admin@demo.local', password: 'demo-password', _csrf: csrf }).expect(303);
    const cookie = [...csrfCookie, ...([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])];
    expect(cookie.join('; ')).toContain('uf_session=');
    for (const page of pages) {
      for (const name of params) {
        for (const odd of ODD_QUERY_VALUES) {
          const url = `${page}?${name}=${encodeURIComponent(odd)}`;
          const res = await api(app).get(url).set('Cookie', cookie);
          if (res.status >= 500) failures.push(`GET ${url} → ${res.status}`);
        }
        const res = await api(app).get(`${page}?${name}=a&${name}=b`).set('Cookie', cookie);
        if (res.status >= 500) failures.push(`GET ${page}?${name}=a&${name}=b → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    await api(app).get('/api/v1/health/live').expect(200);
  }, 900_000);
});
