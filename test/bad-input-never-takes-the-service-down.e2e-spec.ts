import type { INestApplication } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { LANGUAGE_COOKIE } from '../src/web/web-session';
import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, login, startApp, startDemoApp, stopDemoApp, TEST_DATABASE, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

/**
 * Every kind of bad input the issue named, and more of each kind: each is
 * answered with a 4xx that names what is wrong, writes nothing, and the
 * service answers the next request. Before, `?from=2012-02-30` on the audit
 * log threw inside the SQLite queue and ended the process.
 */
describe('bad input never takes the service down', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let actionId: string;

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-08-31' }));
  });
  afterAll(() => stopDemoApp({ db, app }));

  const eventCount = async () => (await api(app).get('/api/v1/audit/events?limit=10000').set(bearer(t.auditor)).expect(200)).body.length as number;
  const stillServing = async () => {
    await api(app).get('/api/v1/health/live').expect(200);
    await api(app).get('/api/v1/audit/events?limit=1').set(bearer(t.auditor)).expect(200);
  };

  /** A refusal in the contract's shape, naming the field; nothing written; the next request served. */
  async function refusedNaming(send: () => PromiseLike<Response>, field: string, status = 400): Promise<Response> {
    const before = await eventCount();
    const res = await send();
    expect({ status: res.status, body: res.body }).toMatchObject({
      status,
      body: { statusCode: status, error: expect.any(String), message: expect.any(String), details: expect.arrayContaining([expect.objectContaining({ field })]) },
    });
    expect(await eventCount()).toBe(before);
    await stillServing();
    return res;
  }

  describe('dates and instants in query strings', () => {
    it.each([
      ['from', '2012-02-30'],
      ['to', 'yesterday'],
      ['from', 'x'],
      ['from', '1899-12-31'],
      ['to', '2201-01-01T00:00:00Z'],
      ['to', '2012-04-30T25:00:00Z'],
      ['from', '2012-04-30T10:00:00'],
    ])('the audit log refuses %s=%s naming it, and serves the next request', async (field, value) => {
      await refusedNaming(() => api(app).get(`/api/v1/audit/events?${field}=${encodeURIComponent(value)}`).set(bearer(t.auditor)), field);
    });

    it('the audit log refuses a repeated filter, a position past any number and a limit that is not one', async () => {
      await refusedNaming(() => api(app).get('/api/v1/audit/events?from=2012-01-01&from=2012-02-01').set(bearer(t.auditor)), 'from');
      await refusedNaming(() => api(app).get('/api/v1/audit/events?after=99999999999999999999').set(bearer(t.auditor)), 'after');
      await refusedNaming(() => api(app).get('/api/v1/audit/events?limit=many').set(bearer(t.auditor)), 'limit');
      await refusedNaming(() => api(app).get('/api/v1/audit/events?format=xml').set(bearer(t.auditor)), 'format');
      await refusedNaming(() => api(app).get('/api/v1/audit/events?fromDate=2012-01-01').set(bearer(t.auditor)), 'fromDate');
    });

    it('the audit log still answers good filters: a day means from its start and to its end', async () => {
      const res = await api(app).get('/api/v1/audit/events?from=2012-06-01&to=2012-06-01&limit=10000').set(bearer(t.auditor)).expect(200);
      expect(res.body.length).toBeGreaterThan(0);
      expect(res.body.every((e: { occurredAt: string }) => e.occurredAt.startsWith('2012-06-01'))).toBe(true);
    });

    it.each(['2012-02-30T10:00:00Z', '2012-02-30', '9999-12-31', '1899-12-31T23:59:59Z', '2012-04-30T10:00:00', 'igår'])(
      'asOf=%s is refused naming asOf on the list and on one recommendation',
      async (asOf) => {
        const res = await refusedNaming(() => api(app).get(`/api/v1/recommendations?asOf=${encodeURIComponent(asOf)}`).set(bearer(t.auditor)), 'asOf');
        expect(res.body.message).toMatch(/asOf/);
        await refusedNaming(() => api(app).get(`/api/v1/recommendations/${r2}?asOf=${encodeURIComponent(asOf)}`).set(bearer(t.auditor)), 'asOf');
      },
    );

    it('a report asOf that is impossible or out of range is refused, and no report is made', async () => {
      const [cycle] = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary)).expect(200)).body;
      const reports = async () => (await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(200)).body.length as number;
      const before = await reports();
      for (const asOf of ['2012-02-30', '2301-01-01T00:00:00Z']) {
        await refusedNaming(
          () => api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId: cycle.id, milestoneKey: 'T1', asOf, language: 'sv', format: 'json' }),
          'asOf',
        );
      }
      expect(await reports()).toBe(before);
    });
  });

  describe('dates in bodies', () => {
    it('dueDate 9999-12-31 is a 400 naming dueDate, not a 500 from the reminder planning', async () => {
      const res = await refusedNaming(
        () =>
          api(app)
            .post(`/api/v1/recommendations/${r2}/actions`)
            .set(bearer(t.sfiOfficer))
            .send({ title: 'Långt fram', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '9999-12-31' }),
        'dueDate',
      );
      expect(res.body.details).toEqual([{ field: 'dueDate', message: 'dueDate must be between 1900-01-01 and 2200-12-31' }]);
      const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.sfiOfficer)).expect(200);
      expect(detail.body.actions).toHaveLength(1);
    });

    it('impossible and far-off dates are refused in every body that takes a date', async () => {
      await refusedNaming(() => api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/reschedule`).set(bearer(t.sfiOfficer)).send({ dueDate: '2012-02-30', reason: 'Senare' }), 'dueDate');
      await refusedNaming(() => api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/reschedule`).set(bearer(t.sfiOfficer)).send({ dueDate: '1899-12-31', reason: 'Tidigare' }), 'dueDate');
      await refusedNaming(
        () =>
          api(app)
            .post(`/api/v1/recommendations/${r2}/assessment`)
            .set(bearer(t.secretary))
            .send({ status: 'implemented', reason: 'Klart', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-02-31' } }),
        'meeting.date',
      );
      const [review] = (await api(app).get('/api/v1/reviews').set(bearer(t.secretary)).expect(200)).body;
      await refusedNaming(
        () => api(app).post(`/api/v1/reviews/${review.id}/decisions`).set(bearer(t.secretary)).send({ text: 'Beslut', meeting: { body: 'Arbetsmarknadsnämnden', date: '20120612' } }),
        'meeting.date',
      );
      await refusedNaming(
        () => api(app).post('/api/v1/reviews').set(bearer(t.secretary)).send({ title: 'Granskning', reviewer: 'Revisorerna', reviewedOn: '2012-13-01', committee: 'Arbetsmarknadsnämnden' }),
        'reviewedOn',
      );
      await refusedNaming(
        () =>
          api(app)
            .post('/api/v1/cycles')
            .set(bearer(t.admin))
            .send({ name: 'Plan', year: 2013, milestones: [{ key: 'T1', name: 'Tertial 1', periodStart: '2013-01-01', periodEnd: '2201-04-30', dueDate: '2013-05-22' }], reminderDaysBefore: [7] }),
        'milestones.0.periodEnd',
      );
    });
  });

  describe('text no database can store', () => {
    it('the NUL character is refused naming its field, in a body and in a query string, on both databases alike', async () => {
      await refusedNaming(
        () => api(app).post('/api/v1/reviews').set(bearer(t.secretary)).send({ title: 'Granskning\u0000', reviewer: 'Revisorerna', reviewedOn: '2012-03-01', committee: 'Arbetsmarknadsnämnden' }),
        'title',
      );
      await refusedNaming(() => api(app).get('/api/v1/audit/events?actor=%00').set(bearer(t.auditor)), 'actor');
      await refusedNaming(() => api(app).post('/api/v1/auth/login').send({ email: 'sekreterare@demo.local\u0000', password: 'demo-password' }), 'email');
    });
  });

  describe('bodies that cost CPU', () => {
    it('a 90 kB sign-in body of nested arrays is refused naming the body, before it is parsed', async () => {
      const deep = '['.repeat(45_000) + ']'.repeat(45_000);
      const res = await refusedNaming(() => api(app).post('/api/v1/auth/login').set('Content-Type', 'application/json').send(deep), 'body');
      expect(res.body.message).toMatch(/deeper than 20 levels/);
    });

    it('nesting inside a known field of a write is refused the same way, and a sane body still goes through', async () => {
      let nested: unknown = 'x';
      for (let i = 0; i < 30; i++) nested = { title: nested };
      await refusedNaming(
        () =>
          api(app)
            .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`)
            .set(bearer(t.sfiOfficer))
            .send({ progressPercent: 10, note: 'Djupt', evidence: [nested] }),
        'body',
      );
      await api(app)
        .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`)
        .set(bearer(t.sfiOfficer))
        .send({ progressPercent: 10, note: 'Brackets in text [[[[[[[[[[[[[[[[[[[[[[[[[ are text', evidence: [{ title: '{{{{{{{{{{{{{{{{{{{{{{{{', url: 'https://example.org/a' }] })
        .expect(200);
    });

    it('a body over 100 kB is still 413, and malformed JSON 400 naming the body', async () => {
      const before = await eventCount();
      const big = await api(app).post('/api/v1/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ email: 'x'.repeat(110_000), password: 'p' }));
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      await refusedNaming(() => api(app).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": '), 'body');
      expect(await eventCount()).toBe(before);
      await stillServing();
    });
  });

  describe('paths nobody serves', () => {
    it('an unknown API route is a JSON 404 in the contract shape, under /api/v1 and elsewhere under /api', async () => {
      for (const path of ['/api/v1/nothing', '/api/v1/recommendations/x/y/z', '/api/nothing', '/api?page=1']) {
        const res = await api(app).get(path).set(bearer(t.secretary)).expect(404);
        expect(res.headers['content-type']).toMatch(/application\/json/);
        expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringContaining(path.split('?')[0]) });
      }
      await stillServing();
    });

    it("an unknown page is the app's own 404 page, with its layout, in Swedish or in English", async () => {
      for (const path of ['/finns-inte', '/rekommendationer/a/b/c', '/static/finns-inte.css']) {
        const sv = await api(app).get(path).expect(404);
        expect(sv.headers['content-type']).toMatch(/text\/html/);
        expect(sv.text).toContain('<html lang="sv">');
        expect(sv.text).toContain('Sidan eller uppgiften finns inte.');
        expect(sv.text).toContain('href="/static/app.css"');
        expect(sv.text).not.toContain('Cannot GET');
      }
      const en = await api(app).get('/finns-inte').set('Cookie', `${LANGUAGE_COOKIE}=en`).expect(404);
      expect(en.text).toContain('<html lang="en">');
      expect(en.text).toContain('The page or item does not exist.');
      const post = await api(app).post('/oppet').type('form').send({ a: '1' }).expect(404);
      expect(post.text).toContain('Sidan eller uppgiften finns inte.');
      await stillServing();
    });

    it('a page whose body the parsers refuse gets a page too, not the API\'s JSON', async () => {
      const big = await api(app).post('/logga-in').type('form').send({ email: 'x'.repeat(150_000), password: 'p' });
      expect(big.status).toBe(413);
      expect(big.headers['content-type']).toMatch(/text\/html/);
      expect(big.text).toContain('Förfrågan innehöll felaktiga uppgifter.');
      const deep = await api(app).post('/logga-in').set('Content-Type', 'application/json').send('['.repeat(100) + ']'.repeat(100));
      expect(deep.status).toBe(400);
      expect(deep.text).toContain('<html lang="sv">');
      await stillServing();
    });
  });

  describe('web forms validate with the same rules and show the error next to the field', () => {
    it('/logg?from=x answers 400 with the problem at the from field, in Swedish and in English, exports nothing, and the log still answers', async () => {
      const auditor = await WebClient.signIn(app, 'revisor@demo.local');
      const page = await auditor.get('/logg?from=x&to=2201-01-01');
      expect(page.status).toBe(400);
      expect(page.html).toMatch(/id="audit-from-error">Ange ett datum i formen ÅÅÅÅ-MM-DD\.</);
      expect(page.html).toMatch(/id="audit-to-error">Ange ett datum mellan 1900 och 2200\.</);
      // No export of the filter until it is right: its links would only lead to an error page.
      expect(page.html).toContain('Rätta filtret ovan för att exportera händelserna det väljer.');
      expect(page.html).not.toContain('href="/logg/export?');
      await auditor.post('/sprak', { lang: 'en', next: '/logg' }, '/logg');
      const english = await auditor.get('/logg?from=2012-02-30');
      expect(english.html).toMatch(/id="audit-from-error">Enter a date in the form YYYY-MM-DD\.</);
      const exported = await auditor.get('/logg/export?from=x');
      expect(exported.status).toBe(400);
      // The page in the user's language, the detail in English only: no Swedish inside the text marked as English.
      expect(exported.html).toContain('<span lang="en">Invalid filter: from</span>');
      await stillServing();
    });

    it('/logg with the dates the wrong way round says so at the to date, instead of finding no event', async () => {
      const auditor = await WebClient.signIn(app, 'revisor@demo.local');
      const page = await auditor.get('/logg?from=2012-06-01&to=2012-05-01');
      expect(page.status).toBe(400);
      expect(page.html).toMatch(/id="audit-to-error">Datumet ”Till och med” ligger före ”Från och med”\.</);
    });

    it('a report asked for as of 1899-12-31 on the web is told the range, not that it is no date', async () => {
      const secretary = await WebClient.signIn(app, 'sekreterare@demo.local');
      const page = await secretary.post('/rapporter', { milestone: 'x:T1', asOf: '1899-12-31', language: 'sv', format: 'json' }, '/rapporter');
      expect(page.status).toBe(400);
      expect(page.html).toMatch(/id="report-asOf-error">Ange ett datum mellan 1900 och 2200\.</);
    });

    it('adding an action due 9999-12-31 on the web shows the range next to the due date, and adds nothing', async () => {
      const officer = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
      const before = await eventCount();
      const page = await officer.post(
        `/rekommendationer/${r2}/atgarder`,
        { title: 'Långt fram', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '9999-12-31' },
        `/rekommendationer/${r2}`,
      );
      expect(page.status).toBe(400);
      expect(page.html).toMatch(/id="add-action-dueDate-error">Ange ett datum mellan 1900 och 2200\.</);
      expect(await eventCount()).toBe(before);
      const impossible = await officer.post(
        `/rekommendationer/${r2}/atgarder`,
        { title: 'Omöjligt', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-02-30' },
        `/rekommendationer/${r2}`,
      );
      expect(impossible.html).toMatch(/id="add-action-dueDate-error">Ange ett datum i formen ÅÅÅÅ-MM-DD\.</);
      expect(await eventCount()).toBe(before);
      // A unit that does not exist is named as such next to its field, not "check the value".
      const unknownUnit = await officer.post(
        `/rekommendationer/${r2}/atgarder`,
        { title: 'Någon annans', responsibleUnit: 'finnsinte', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-09-30' },
        `/rekommendationer/${r2}`,
      );
      expect(unknownUnit.status).toBe(400);
      expect(unknownUnit.html).toMatch(/id="add-action-responsibleUnit-error">Det finns ingen aktiv enhet med den koden\.</);
      expect(await eventCount()).toBe(before);
      await stillServing();
    });

    it('a bad asOf on a recommendation page is an error page, not a crash', async () => {
      const officer = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
      const page = await officer.get(`/rekommendationer/${r2}?asOf=2012-02-30`);
      expect(page.status).toBe(400);
      expect(page.html).toContain('Förfrågan innehöll felaktiga uppgifter.');
      const list = await officer.get('/rekommendationer?asOf=9999-12-31');
      expect(list.status).toBeLessThan(500);
      await stillServing();
    });
  });

  describe('failures of our own', () => {
    /** Takes the reports table away behind the app's back: a real failure, not a refusal of input. */
    async function withoutReportsTable(fn: () => Promise<void>): Promise<void> {
      const rename = async (from: string, to: string) => {
        if (TEST_DATABASE === 'postgres') {
          const c = new Client({ connectionString: db.url });
          await c.connect();
          await c.query(`ALTER TABLE ${from} RENAME TO ${to}`);
          await c.end();
        } else {
          const file = new BetterSqlite3(db.sqlitePath!);
          file.pragma('busy_timeout = 5000');
          file.exec(`ALTER TABLE ${from} RENAME TO ${to}`);
          file.close();
        }
      };
      await rename('reports', 'reports_elsewhere');
      try {
        await fn();
      } finally {
        await rename('reports_elsewhere', 'reports');
      }
    }

    it('a 500 carries the correlation id it was logged under, on the API and on the page, and the next request is served', async () => {
      const secretary = await WebClient.signIn(app, 'sekreterare@demo.local');
      await withoutReportsTable(async () => {
        const res = await api(app).get('/api/v1/reports').set(bearer(t.secretary)).set('X-Request-Id', 'trace-4711');
        expect(res.status).toBe(500);
        expect(res.body).toEqual({
          statusCode: 500,
          error: 'Internal Server Error',
          message: 'Something went wrong on our side; the error has been logged',
          correlationId: 'trace-4711',
        });
        const generated = await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(500);
        expect(generated.body.correlationId).toBe(generated.headers['x-request-id']);
        const page = await secretary.get('/rapporter');
        expect(page.status).toBe(500);
        expect(page.html).toContain('Ett fel uppstod hos oss. Felet är loggat.');
        expect(page.html).toMatch(/<code id="correlation-id">[0-9a-f-]{36}<\/code>/);
        await api(app).get('/api/v1/health/live').expect(200);
      });
      await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(200);
      await stillServing();
    });
  });

  describe('limits say when to come back', () => {
    let limited: INestApplication;
    let limitedDb: TestDatabase;

    beforeAll(async () => {
      limitedDb = await TestDatabase.create();
      limited = await startApp(limitedDb, { RATE_LIMIT_PER_MINUTE: '3', ANON_RATE_LIMIT_PER_MINUTE: '3' });
    });
    afterAll(async () => {
      await limited.close();
      await limitedDb.drop();
    });

    it('a 429 sends Retry-After, on the API and on a page', async () => {
      const token = await login(limited, 'sekreterare@demo.local');
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await api(limited).get('/api/v1/recommendations').set(bearer(token)));
      const refused = answers[3];
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

      const pages = [];
      for (let i = 0; i < 4; i++) pages.push(await api(limited).get('/oppet'));
      const page = pages.find((p) => p.status === 429)!;
      expect(page.text).toContain('För många förfrågningar.');
      expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
      await api(limited).get('/api/v1/health/live').expect(200);
    });
  });
});
