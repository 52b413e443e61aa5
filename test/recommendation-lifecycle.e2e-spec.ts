import { api, bearer, type DemoApp, startDemoApp, stopDemoApp } from './support/test-app';

const meeting = { body: 'Arbetsmarknadsnämnden', date: '2012-06-12', paragraph: '§ 14', diaryNumber: 'Dnr 1.1-123/2012' };

describe('a recommendation followed from decision to assessment', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let r1: string;

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    r1 = list.body.find((r: { code: string }) => r.code === 'R1').id;
    r2 = list.body.find((r: { code: string }) => r.code === 'R2').id;
  });
  afterAll(() => stopDemoApp({ db, app }));

  it('an officer may not record a committee decision: 403, and nothing is written', async () => {
    const res = await api(app).post(`/api/v1/recommendations/${r2}/decision`).set(bearer(t.sfiOfficer)).send({ decision: 'accepted', reason: 'x' }).expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    const history = await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200);
    expect(history.body).toHaveLength(1);
  });

  it('a received recommendation cannot be assessed: 409', async () => {
    await api(app).post(`/api/v1/recommendations/${r2}/assessment`).set(bearer(t.secretary)).send({ status: 'implemented', reason: 'x' }).expect(409);
  });

  it('actions cannot be added before the committee accepted the recommendation: 409', async () => {
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Kartlägg', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' })
      .expect(409);
  });

  let actionId: string;

  it('the secretary records the acceptance with its meeting reference; the officer adds an action', async () => {
    const decided = await api(app)
      .post(`/api/v1/recommendations/${r2}/decision`)
      .set(bearer(t.secretary))
      .send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'accepted', version: 2, decision: { decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting } });
    expect(decided.headers.etag).toBe('"2"');

    const added = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Uppsökande team i Järva', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' })
      .expect(201);
    expect(added.body.status).toBe('in_progress');
    expect(added.body.actions).toHaveLength(1);
    actionId = added.body.actions[0].id;
  });

  it('an officer of another unit is refused with 403 on a foreign action', async () => {
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.utredningOfficer)).send({ progressPercent: 10, note: 'x' }).expect(403);
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.utredningOfficer))
      .send({ title: 'x', responsibleUnit: 'utredning', ownerEmail: 'handlaggare.utredning@demo.local', dueDate: '2012-08-31' })
      .expect(403);
  });

  it('progress with evidence, a reschedule with a reason, then completion: claimed by the officer, approved by the unit head', async () => {
    const progressed = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`)
      .set(bearer(t.sfiHead))
      .send({ progressPercent: 40, note: 'Två stadsdelar kartlagda – Rinkeby och Tensta', evidence: [{ title: 'Kartläggning', url: 'https://example.org/kartlaggning.pdf' }] })
      .expect(200);
    expect(progressed.body.actions[0]).toMatchObject({ status: 'in_progress', progressPercent: 40 });
    expect(progressed.body.actions[0].updates[0]).toMatchObject({ by: 'chef.sfi@demo.local', note: 'Två stadsdelar kartlagda – Rinkeby och Tensta' });
    expect(progressed.body.progressPercent).toBe(40);

    const moved = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${actionId}/reschedule`)
      .set(bearer(t.sfiOfficer))
      .send({ dueDate: '2012-10-31', reason: 'Väntar på statistik från stadsdelarna' })
      .expect(200);
    expect(moved.body.actions[0]).toMatchObject({ dueDate: '2012-10-31', originalDueDate: '2012-08-31' });

    const claimed = await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/complete`).set(bearer(t.sfiOfficer)).send({ note: 'Teamet är i gång' }).expect(200);
    expect(claimed.body.actions[0]).toMatchObject({ status: 'completion_claimed', progressPercent: 40, claim: { by: 'handlaggare.sfi@demo.local', note: 'Teamet är i gång' } });
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/approve`).set(bearer(t.sfiOfficer)).send({}).expect(403);
    const done = await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/approve`).set(bearer(t.sfiHead)).send({}).expect(200);
    expect(done.body.actions[0]).toMatchObject({ status: 'completed', progressPercent: 100, claim: null });
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/cancel`).set(bearer(t.sfiOfficer)).send({ reason: 'x' }).expect(409);
  });

  it('the history tells who did what, when and why, oldest first', async () => {
    const history = await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'RecommendationRegistered',
      'RecommendationDecided',
      'ActionAdded',
      'ActionProgressReported',
      'ActionRescheduled',
      'ActionCompletionClaimed',
      'ActionCompletionApproved',
    ]);
    expect(history.body[1]).toMatchObject({ version: 2, actor: { email: 'sekreterare@demo.local', role: 'secretary' }, reason: 'Ingår i verksamhetsplan 2012' });
    expect(history.body[4]).toMatchObject({ reason: 'Väntar på statistik från stadsdelarna', data: { previousDueDate: '2012-08-31' } });
    expect(history.body[1].occurredAt).toMatch(/^2012-06-01T08:\d\d:\d\d\.\d{3}Z$/);
  });

  it('an assessment closes it, a reopen with a reason brings it back in progress', async () => {
    await api(app).post(`/api/v1/recommendations/${r2}/assessment`).set(bearer(t.secretary)).send({ status: 'implemented', reason: 'Uppsökande team finns i alla stadsdelar', meeting }).expect(200);
    await api(app).post(`/api/v1/recommendations/${r2}/reopen`).set(bearer(t.secretary)).send({ reason: '' }).expect(400);
    const reopened = await api(app).post(`/api/v1/recommendations/${r2}/reopen`).set(bearer(t.secretary)).send({ reason: 'Revisionen fann brister' }).expect(200);
    expect(reopened.body.status).toBe('in_progress');
  });

  it('asOf answers as things stood then, for the list and for one', async () => {
    const before = await api(app).get(`/api/v1/recommendations?asOf=2012-05-31`).set(bearer(t.auditor)).expect(200);
    expect(before.body).toHaveLength(0);
    const now = await api(app).get(`/api/v1/recommendations/${r2}?asOf=${encodeURIComponent(new Date(Date.parse('2012-06-01T08:00:00Z') + 3600_000).toISOString())}`).set(bearer(t.auditor)).expect(200);
    expect(now.body.status).toBe('in_progress');
    await api(app).get(`/api/v1/recommendations/${r2}?asOf=2011-01-01`).set(bearer(t.auditor)).expect(404);
    // After the last event, "as of" is the present.
    const current = await api(app).get('/api/v1/recommendations').set(bearer(t.auditor)).expect(200);
    const later = await api(app).get('/api/v1/recommendations?asOf=2012-06-02').set(bearer(t.auditor)).expect(200);
    expect(later.body).toEqual(current.body);
    const bad = await api(app).get(`/api/v1/recommendations?asOf=igår`).set(bearer(t.auditor)).expect(400);
    expect(bad.body.details[0].field).toBe('asOf');
  });

  it('filters the list by status and unit', async () => {
    const sfi = await api(app).get('/api/v1/recommendations?unit=sfi&status=received').set(bearer(t.auditor)).expect(200);
    expect(sfi.body.map((r: { code: string }) => r.code)).toEqual(['R3', 'R4']);
  });

  it('bad input is a 400 naming each field, unknown fields and malformed JSON too, and writes nothing', async () => {
    const res = await api(app)
      .post(`/api/v1/recommendations/${r1}/decision`)
      .set(bearer(t.secretary))
      .send({ decision: 'maybe', reason: 'x', colour: 'red', meeting: { body: 'AMN', date: '2012-02-30' } })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['decision', 'colour', 'meeting.date']));
    const malformed = await api(app).post(`/api/v1/recommendations/${r1}/decision`).set(bearer(t.secretary)).set('Content-Type', 'application/json').send('{"decision": "accepted",').expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(malformed.body.details).toHaveLength(1);
    const history = await api(app).get(`/api/v1/recommendations/${r1}/history`).set(bearer(t.auditor)).expect(200);
    expect(history.body).toHaveLength(1);
  });

  it('refuses a body over 100 kB with 413', async () => {
    const res = await api(app).post(`/api/v1/recommendations/${r1}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'x'.repeat(110_000) }).expect(413);
    expect(res.body.statusCode).toBe(413);
  });

  it('a stale If-Match is a 412 and writes nothing; the current one goes through', async () => {
    await api(app).post(`/api/v1/recommendations/${r1}/decision`).set(bearer(t.secretary)).set('If-Match', '"7"').send({ decision: 'deferred', reason: 'Mer underlag' }).expect(412);
    const ok = await api(app).post(`/api/v1/recommendations/${r1}/decision`).set(bearer(t.secretary)).set('If-Match', '"1"').send({ decision: 'deferred', reason: 'Mer underlag' }).expect(200);
    expect(ok.headers.etag).toBe('"2"');
  });

  it('an Idempotency-Key replays the first response and appends nothing, whatever the order of the fields; a different body with it is a 409', async () => {
    const body = { decision: 'accepted', reason: 'Nämnden beslutade', meeting };
    const first = await api(app).post(`/api/v1/recommendations/${r1}/decision`).set(bearer(t.secretary)).set('Idempotency-Key', 'beslut-r1-1').send(body).expect(200);
    const again = await api(app).post(`/api/v1/recommendations/${r1}/decision`).set(bearer(t.secretary)).set('Idempotency-Key', 'beslut-r1-1').send(body).expect(200);
    expect(again.body).toEqual(first.body);
    // The same fields in another order, at any depth, are the same request.
    const reordered = { meeting: Object.fromEntries(Object.entries(meeting).reverse()), reason: body.reason, decision: body.decision };
    const replayed = await api(app).post(`/api/v1/recommendations/${r1}/decision`).set(bearer(t.secretary)).set('Idempotency-Key', 'beslut-r1-1').send(reordered).expect(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(first.body);
    await api(app).post(`/api/v1/recommendations/${r1}/decision`).set(bearer(t.secretary)).set('Idempotency-Key', 'beslut-r1-1').send({ ...body, reason: 'annat' }).expect(409);
    const history = await api(app).get(`/api/v1/recommendations/${r1}/history`).set(bearer(t.auditor)).expect(200);
    expect(history.body.filter((e: { type: string }) => e.type === 'RecommendationDecided')).toHaveLength(2);
  });

  it('a secretary registers a review and a recommendation; a duplicate code is a 409', async () => {
    const review = await api(app)
      .post('/api/v1/reviews')
      .set(bearer(t.secretary))
      .send({ title: 'Stadsrevisionens granskning av sfi 2012', reviewer: 'Stadsrevisionen', reviewedOn: '2012-03-15', committee: 'Arbetsmarknadsnämnden' })
      .expect(201);
    const rec = { reviewId: review.body.id, code: 'A1', title: 'Mät resultat', text: 'Inför mätbara mål för sfi.', responsibleUnit: 'sfi' };
    const created = await api(app).post('/api/v1/recommendations').set(bearer(t.secretary)).send(rec).expect(201);
    expect(created.body).toMatchObject({ code: 'A1', status: 'received', version: 1 });
    await api(app).post('/api/v1/recommendations').set(bearer(t.secretary)).send(rec).expect(409);
    await api(app).post('/api/v1/recommendations').set(bearer(t.sfiOfficer)).send({ ...rec, code: 'A2' }).expect(403);
    const decision = await api(app)
      .post(`/api/v1/reviews/${review.body.id}/decisions`)
      .set(bearer(t.secretary))
      .send({ text: 'Nämnden godkänner rapporten', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-04-24', paragraph: '§ 5' } })
      .expect(201);
    expect(decision.body.decisions).toHaveLength(1);
    await api(app).get('/api/v1/reviews/00000000-0000-4000-8000-000000000000').set(bearer(t.auditor)).expect(404);
  });

  it('a unit that does not exist is a 400 naming the field and the known units', async () => {
    const res = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.secretary))
      .send({ title: 'x', responsibleUnit: 'okand-enhet', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' })
      .expect(400);
    expect(res.body.details).toEqual([{ field: 'responsibleUnit', message: 'must be one of sfi, utredning' }]);
  });

  it('an auditor writes nothing', async () => {
    await api(app).post(`/api/v1/recommendations/${r1}/reopen`).set(bearer(t.auditor)).send({ reason: 'x' }).expect(403);
  });
});
