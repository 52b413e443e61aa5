import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, startDemoApp, stopDemoApp } from './support/test-app';
import { WebClient } from './support/web-client';

/**
 * Issue #12: completing an action is a claim that a second person approves or
 * sends back, and a recommendation is assessed only once every action is done.
 */
describe('completion needs a second person, and closing a recommendation is deliberate', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let team: string;
  let leaflet: string;

  const base = () => `/api/v1/recommendations/${r2}`;
  const action = async (id: string) => (await api(app).get(base()).set(bearer(t.auditor)).expect(200)).body.actions.find((a: { id: string }) => a.id === id);

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    ({ r2, actionId: team } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-08-31' }));
    const added = await api(app)
      .post(`${base()}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Informationsmaterial på tio språk', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' })
      .expect(201);
    leaflet = added.body.actions[1].id;
  });
  afterAll(() => stopDemoApp({ db, app }));

  it('completing an action claims it: completion_claimed, its progress not yet counted as done', async () => {
    await api(app).post(`${base()}/actions/${team}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 60, note: 'Järva och Rinkeby besökta' }).expect(200);
    const claimed = await api(app).post(`${base()}/actions/${team}/complete`).set(bearer(t.sfiOfficer)).send({ note: 'Teamet arbetar i alla stadsdelar' }).expect(200);
    expect(claimed.body.actions[0]).toMatchObject({
      status: 'completion_claimed',
      progressPercent: 60,
      claim: { by: 'handlaggare.sfi@demo.local', note: 'Teamet arbetar i alla stadsdelar' },
    });
    expect(claimed.body.progressPercent).toBe(30);
  });

  it('the claimant may not approve their own claim: 403 saying someone else must, and nothing is written', async () => {
    const before = (await api(app).get(`${base()}/history`).set(bearer(t.auditor)).expect(200)).body.length;
    const refused = await api(app).post(`${base()}/actions/${team}/approve`).set(bearer(t.sfiOfficer)).send({}).expect(403);
    expect(refused.body.message).toContain('You claimed action "Uppsökande team i Järva" as completed; someone else');
    await api(app).post(`${base()}/actions/${team}/approve`).set(bearer(t.utredningOfficer)).send({}).expect(403);
    await api(app).post(`${base()}/actions/${team}/approve`).set(bearer(t.auditor)).send({}).expect(403);
    expect((await api(app).get(`${base()}/history`).set(bearer(t.auditor)).expect(200)).body).toHaveLength(before);
  });

  it('an assessment is refused (409) while actions are open or claimed, the error listing each with its title and status', async () => {
    const refused = await api(app).post(`${base()}/assessment`).set(bearer(t.secretary)).send({ status: 'implemented', reason: 'Klart' }).expect(409);
    expect(refused.body.message).toContain('Uppsökande team i Järva');
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'actions', actionId: team, title: 'Uppsökande team i Järva', status: 'completion_claimed' }),
      expect.objectContaining({ field: 'actions', actionId: leaflet, title: 'Informationsmaterial på tio språk', status: 'planned' }),
    ]);
  });

  it('the unit head sends the claim back with a reason (a reason is required): the action is in progress again, as it was', async () => {
    const blank = await api(app).post(`${base()}/actions/${team}/send-back`).set(bearer(t.sfiHead)).send({ reason: '   ' }).expect(400);
    expect(blank.body.details[0].field).toBe('reason');
    const sent = await api(app).post(`${base()}/actions/${team}/send-back`).set(bearer(t.sfiHead)).send({ reason: 'Tensta saknas i redovisningen' }).expect(200);
    expect(sent.body.actions[0]).toMatchObject({ status: 'in_progress', progressPercent: 60, claim: null });
    const history = (await api(app).get(`${base()}/history`).set(bearer(t.auditor)).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ type: 'ActionCompletionSentBack', reason: 'Tensta saknas i redovisningen', actor: { email: 'chef.sfi@demo.local' } });
  });

  it('claimed again and approved by the unit head: completed, at 100 %, the claim note among the updates', async () => {
    await api(app).post(`${base()}/actions/${team}/complete`).set(bearer(t.sfiOfficer)).send({ note: 'Tensta också klart' }).expect(200);
    const approved = await api(app).post(`${base()}/actions/${team}/approve`).set(bearer(t.sfiHead)).send({ note: 'Stämmer med stadsdelarnas rapporter' }).expect(200);
    expect(approved.body.actions[0]).toMatchObject({ status: 'completed', progressPercent: 100, claim: null });
    expect(approved.body.actions[0].updates.at(-1)).toMatchObject({ by: 'handlaggare.sfi@demo.local', progressPercent: 100, note: 'Tensta också klart' });
    await api(app).post(`${base()}/actions/${team}/approve`).set(bearer(t.secretary)).send({}).expect(409);
  });

  it('the report shows a claimed action apart from the completed ones: not done', async () => {
    await api(app).post(`${base()}/actions/${leaflet}/complete`).set(bearer(t.sfiOfficer)).send({ note: 'Tryckt och utdelat' }).expect(200);
    const [cycle] = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary)).expect(200)).body;
    const made = await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId: cycle.id, milestoneKey: 'T2', language: 'sv', format: 'json' }).expect(201);
    const content = await api(app).get(`/api/v1/reports/${made.body.id}/content`).set(bearer(t.secretary)).expect(200);
    const report = JSON.parse(content.text);
    expect(report.summary.actions.completed.count).toBe(1);
    expect(report.summary.actions.claimed).toMatchObject({ label: 'Åtgärder som väntar på godkännande', count: 1 });
    const rec = report.recommendations.find((r: { code: string }) => r.code === 'R2');
    expect(rec.actions.find((a: { id: string }) => a.id === leaflet)).toMatchObject({ status: 'completion_claimed', statusText: 'Väntar på godkännande' });
    expect(report.changes.map((c: { kind: string }) => c.kind)).toEqual(expect.arrayContaining(['action_claimed', 'action_sent_back', 'action_approved']));

    const html = await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId: cycle.id, milestoneKey: 'T2', language: 'sv', format: 'html' }).expect(201);
    const page = await api(app).get(`/api/v1/reports/${html.body.id}/content`).set(bearer(t.secretary)).expect(200);
    expect(page.text).toContain('Åtgärder som väntar på godkännande');
  });

  it("the secretary's page before the next milestone lists the claimed action as awaiting approval, not as unreported", async () => {
    const web = await WebClient.signIn(app, 'sekreterare@demo.local');
    const text = (await web.get('/ej-rapporterat')).html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const awaiting = text.slice(text.indexOf('Klarmarkerade, väntar på godkännande'));
    expect(awaiting).toContain('Informationsmaterial på tio språk R2');
    const beforeIt = text.slice(0, text.indexOf('Klarmarkerade, väntar på godkännande'));
    expect(beforeIt).not.toContain('Informationsmaterial på tio språk');
  });

  it('an officer or an auditor who types the address of who has not reported is refused: the page is for secretaries, admins and unit heads', async () => {
    for (const email of ['handlaggare.sfi@demo.local', 'revisor@demo.local']) {
      const page = await (await WebClient.signIn(app, email)).get('/ej-rapporterat');
      expect({ email, status: page.status }).toEqual({ email, status: 403 });
      expect(page.html).not.toContain('Informationsmaterial på tio språk');
    }
    const head = await (await WebClient.signIn(app, 'chef.sfi@demo.local')).get('/ej-rapporterat');
    expect(head.status).toBe(200);
  });

  it('a secretary approves it, and with every action finished the assessment is recorded', async () => {
    await api(app).post(`${base()}/actions/${leaflet}/approve`).set(bearer(t.secretary)).send({}).expect(200);
    expect(await action(leaflet)).toMatchObject({ status: 'completed' });
    const assessed = await api(app).post(`${base()}/assessment`).set(bearer(t.secretary)).send({ status: 'implemented', reason: 'Båda åtgärderna genomförda' }).expect(200);
    expect(assessed.body.status).toBe('implemented');
  });

  it('an officer who adds an action for another unit may still work on it, and so may that unit; a third may not', async () => {
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    const r4 = list.body.find((r: { code: string }) => r.code === 'R4').id;
    await api(app).post(`/api/v1/recommendations/${r4}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ja' }).expect(200);
    const added = await api(app)
      .post(`/api/v1/recommendations/${r4}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Analys av kursresultaten', responsibleUnit: 'utredning', ownerEmail: 'handlaggare.utredning@demo.local', dueDate: '2012-09-30' })
      .expect(201);
    const id = added.body.actions[0].id;
    await api(app).post(`/api/v1/recommendations/${r4}/actions/${id}/reschedule`).set(bearer(t.sfiOfficer)).send({ dueDate: '2012-10-31', reason: 'Statistiken kommer i oktober' }).expect(200);
    await api(app).post(`/api/v1/recommendations/${r4}/actions/${id}/progress`).set(bearer(t.utredningOfficer)).send({ progressPercent: 20, note: 'Data insamlade' }).expect(200);
    // The owner's unit claims, the recommendation's unit head approves.
    await api(app).post(`/api/v1/recommendations/${r4}/actions/${id}/complete`).set(bearer(t.utredningOfficer)).send({ note: 'Analysen klar' }).expect(200);
    const approved = await api(app).post(`/api/v1/recommendations/${r4}/actions/${id}/approve`).set(bearer(t.sfiHead)).send({}).expect(200);
    expect(approved.body.actions[0].status).toBe('completed');
  });
});
