import { Projector } from '../src/projections/projector';
import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, startDemoApp, stopDemoApp } from './support/test-app';
import { WebClient, type WebPage } from './support/web-client';

const NEW_SFI_NAME = 'sfi- och vuxenutbildningsavdelningen';
const OPEN_ACTION = 'Språkstöd i sfi-undervisningen';

/** The message next to a field of a form, as the page shows it. */
const fieldError = (page: WebPage, form: string, name: string): string | null =>
  new RegExp(`<span class="field-error" id="${form}-${name}-error">([^<]*)</span>`).exec(page.html)?.[1] ?? null;

describe('admins administer units; their names are shown everywhere', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let actionId: string;
  let reviewId: string;

  const units = async (all = false) => (await api(app).get(`/api/v1/units${all ? '?all=true' : ''}`).set(bearer(t.sfiOfficer)).expect(200)).body as Array<{ id: string; name: string; nameEn: string; active: boolean }>;
  const patch = (id: string, body: object, token = t.admin) => api(app).patch(`/api/v1/units/${id}`).set(bearer(token)).send(body);

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-04-10T08:00:00Z' }));
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: OPEN_ACTION, dueDate: '2012-08-31' }));
    reviewId = (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.secretary)).expect(200)).body.reviewId;
  });
  afterAll(() => stopDemoApp({ db, app }));

  it("the seed's units are made through CreateUnit, and everyone signed in reads them", async () => {
    expect(await units()).toEqual([
      { id: 'sfi', name: 'sfi-avdelningen', nameEn: 'Swedish for immigrants (sfi) department', active: true },
      { id: 'utredning', name: 'utvecklings- och utredningsstaben', nameEn: 'Development and analysis staff', active: true },
    ]);
    const events = (await api(app).get('/api/v1/audit/events?streamId=unit-sfi').set(bearer(t.auditor)).expect(200)).body;
    expect(events.map((e: { type: string; actor: { name: string } }) => [e.type, e.actor.name])).toEqual([['UnitCreated', 'Uppföljning']]);
  });

  it('an admin creates a unit (201); the same Idempotency-Key replays it, an id taken is 409, a bad id 400 naming it', async () => {
    const body = { id: 'ekonomi', name: 'ekonomiavdelningen', nameEn: 'Finance department' };
    const created = await api(app).post('/api/v1/units').set(bearer(t.admin)).set('Idempotency-Key', 'unit-ekonomi').send(body).expect(201);
    expect(created.body).toEqual({ ...body, active: true });
    const replayed = await api(app).post('/api/v1/units').set(bearer(t.admin)).set('Idempotency-Key', 'unit-ekonomi').send(body).expect(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(created.body);
    const taken = await api(app).post('/api/v1/units').set(bearer(t.admin)).send({ ...body, name: 'en annan' }).expect(409);
    expect(taken.body.details).toEqual([{ field: 'id', message: 'is taken by another unit' }]);
    const bad = await api(app).post('/api/v1/units').set(bearer(t.admin)).send({ ...body, id: 'Ekonomi avd' }).expect(400);
    expect(new Set(bad.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['id']));
    expect((await units()).map((u) => u.id)).toEqual(['ekonomi', 'sfi', 'utredning']);
  });

  it('only admins create and change units (403); a change without a reason is 400 naming reason', async () => {
    await api(app).post('/api/v1/units').set(bearer(t.secretary)).send({ id: 'hr', name: 'HR', nameEn: 'HR' }).expect(403);
    await patch('sfi', { name: 'x', reason: 'y' }, t.sfiHead).expect(403);
    for (const body of [{ name: NEW_SFI_NAME }, { name: NEW_SFI_NAME, reason: '   ' }]) {
      const res = await patch('sfi', body).expect(400);
      expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['reason']));
    }
    await patch('nowhere', { name: 'x', reason: 'y' }).expect(404);
    expect((await units()).find((u) => u.id === 'sfi')!.name).toBe('sfi-avdelningen');
  });

  it("a rename shows on the recommendation's page and in the list, and the event log says who, what and why", async () => {
    // The read's ETag is what the change names in If-Match; the same ETag again, after the change, is 412.
    const read = await api(app).get('/api/v1/units/sfi').set(bearer(t.sfiOfficer)).expect(200);
    expect(read.headers.etag).toBe('"1"');
    const renamed = await patch('sfi', { name: NEW_SFI_NAME, reason: 'Ny organisation från 1 maj' }).set('If-Match', read.headers.etag).expect(200);
    await patch('sfi', { name: 'Något annat', reason: 'Ett andra namnbyte' }).set('If-Match', read.headers.etag).expect(412);
    expect(renamed.body).toEqual({ id: 'sfi', name: NEW_SFI_NAME, nameEn: 'Swedish for immigrants (sfi) department', active: true });
    expect(renamed.headers.etag).toBe('"2"');

    const officer = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    const page = await officer.get(`/rekommendationer/${r2}`);
    expect(page.html).toContain(NEW_SFI_NAME);
    expect(page.html).not.toContain('sfi-avdelningen');
    expect((await officer.get('/rekommendationer')).html).toContain(NEW_SFI_NAME);

    const [event] = (await api(app).get('/api/v1/audit/events?streamId=unit-sfi&type=UnitRenamed').set(bearer(t.auditor)).expect(200)).body;
    expect(event).toMatchObject({ type: 'UnitRenamed', actor: { name: 'Alva Admin', role: 'admin' }, reason: 'Ny organisation från 1 maj', data: { name: NEW_SFI_NAME } });
    const auditor = await WebClient.signIn(app, 'revisor@demo.local');
    const log = await auditor.get('/logg?streamId=unit-sfi');
    expect(log.html).toContain(`Bytte namn på enheten sfi till ”${NEW_SFI_NAME}”.`);
    expect(log.html).toContain('<td class="email-cell">Alva Admin<br><span class="muted">admin@demo.local (administratör)</span></td>');
    expect(log.html).toContain('Ny organisation från 1 maj');
  });

  it('sfi has an open action: retiring it is 409 listing that action with its recommendation, and nothing changes', async () => {
    const res = await patch('sfi', { active: false, reason: 'Slås ihop med utredning' }).expect(409);
    expect(res.body.details).toEqual([{ field: 'active', message: `R2: ${OPEN_ACTION}` }]);
    expect((await units()).find((u) => u.id === 'sfi')!.active).toBe(true);
  });

  it("an action whose completion waits for the unit head's approval is unfinished too: retiring sfi is still 409 naming it", async () => {
    const action = `/api/v1/recommendations/${r2}/actions/${actionId}`;
    await api(app).post(`${action}/complete`).set(bearer(t.sfiOfficer)).send({ note: 'Klart enligt mig' }).expect(200);
    const res = await patch('sfi', { active: false, reason: 'Slås ihop med utredning' }).expect(409);
    expect(res.body.details).toEqual([{ field: 'active', message: `R2: ${OPEN_ACTION}` }]);
    // The claimant takes the claim back: the action is under way again, as the tests below expect it open.
    await api(app).post(`${action}/send-back`).set(bearer(t.sfiOfficer)).send({ reason: 'Ett moment återstår' }).expect(200);
  });

  it('a retired unit takes no new recommendation or action (400 naming responsibleUnit), leaves the list unless all=true, and can be reinstated', async () => {
    const retired = await patch('ekonomi', { active: false, reason: 'Flyttad till stadsledningskontoret' }).expect(200);
    expect(retired.body.active).toBe(false);
    expect((await units()).map((u) => u.id)).toEqual(['sfi', 'utredning']);
    expect((await units(true)).find((u) => u.id === 'ekonomi')).toEqual({ id: 'ekonomi', name: 'ekonomiavdelningen', nameEn: 'Finance department', active: false });

    const registered = await api(app)
      .post('/api/v1/recommendations')
      .set(bearer(t.secretary))
      .send({ reviewId, code: 'R9', title: 'Budget för sfi', text: 'Budgeten följs upp.', responsibleUnit: 'ekonomi' })
      .expect(400);
    expect(registered.body.details).toEqual([{ field: 'responsibleUnit', message: 'must be one of sfi, utredning' }]);
    const action = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.admin))
      .send({ title: 'Budgetuppföljning', responsibleUnit: 'ekonomi', ownerEmail: 'admin@demo.local', dueDate: '2012-09-30' })
      .expect(400);
    expect(action.body.details.map((d: { field: string }) => d.field)).toEqual(['responsibleUnit']);

    await patch('ekonomi', { active: true, reason: 'Tillbaka i förvaltningen' }).expect(200);
    expect((await units()).map((u) => u.id)).toEqual(['ekonomi', 'sfi', 'utredning']);
    const types = (await api(app).get('/api/v1/audit/events?streamId=unit-ekonomi').set(bearer(t.auditor)).expect(200)).body.map((e: { type: string }) => e.type);
    expect(types).toEqual(['UnitCreated', 'UnitRetired', 'UnitReinstated']);
  });

  it('a rebuild of the read models gives the same units', async () => {
    const before = await units(true);
    await app.get(Projector).rebuild(['units']);
    expect(await units(true)).toEqual(before);
  });

  describe('on the web', () => {
    it('an admin finds Enheter in the menu, adds a unit and renames it with a reason', async () => {
      const admin = await WebClient.signIn(app, 'admin@demo.local');
      const list = await admin.get('/enheter');
      expect(list.html).toContain('<a href="/enheter" aria-current="page">Enheter</a>');
      expect(list.html).toContain(NEW_SFI_NAME);

      const blank = await admin.post('/enheter', { id: 'HR avd', name: '', nameEn: 'Human resources' }, '/enheter');
      expect(blank.status).toBe(400);
      expect(fieldError(blank, 'create-unit', 'id')).toBe('Ange en kod med små bokstäver, siffror och bindestreck, t.ex. ekonomi.');
      expect(fieldError(blank, 'create-unit', 'name')).toBe('Fyll i det här fältet.');

      const created = await admin.post('/enheter', { id: 'hr', name: 'HR-avdelningen', nameEn: 'Human resources' }, '/enheter');
      expect([created.status, created.location]).toEqual([303, '/enheter/hr?klart=unitCreated#main']);
      const taken = await admin.post('/enheter', { id: 'hr', name: 'HR igen', nameEn: 'HR again' }, '/enheter');
      expect([taken.status, fieldError(taken, 'create-unit', 'id')]).toEqual([409, 'Det finns redan en enhet med den koden.']);

      const unreasoned = await admin.post('/enheter/hr', { name: 'Personalavdelningen', nameEn: 'Human resources', active: 'true', reason: ' ' }, '/enheter/hr');
      expect([unreasoned.status, fieldError(unreasoned, 'change-unit', 'reason')]).toEqual([400, 'Fyll i det här fältet.']);
      const changed = await admin.post('/enheter/hr', { name: 'Personalavdelningen', nameEn: 'Human resources', active: 'true', reason: 'Nytt namn' }, '/enheter/hr');
      expect([changed.status, changed.location]).toEqual([303, '/enheter/hr?klart=unitChanged']);
      const page = await admin.get(changed.location!);
      expect(page.html).toContain('Enheten är ändrad.');
      expect(page.html).toContain('<h1>Personalavdelningen</h1>');
      const log = await admin.get('/logg?streamId=unit-hr');
      expect(page.html).toContain('href="/logg?streamId=unit-hr"');
      expect(log.html).toContain('Lade till enheten HR-avdelningen (hr).');
      expect(log.html).toContain('Bytte namn på enheten hr till ”Personalavdelningen”.');
    });

    it("retiring sfi on its page is refused with the open actions listed, and the admin's input kept", async () => {
      const admin = await WebClient.signIn(app, 'admin@demo.local');
      const refused = await admin.post('/enheter/sfi', { name: NEW_SFI_NAME, nameEn: 'Swedish for immigrants (sfi) department', active: 'false', reason: 'Slås ihop' }, '/enheter/sfi');
      expect(refused.status).toBe(409);
      expect(refused.html).toContain('Enheten har öppna åtgärder och kan inte avvecklas');
      expect(refused.html).toContain(`<li>R2: ${OPEN_ACTION}</li>`);
      expect(refused.html).toContain('>Slås ihop</textarea>');
      expect((await units()).find((u) => u.id === 'sfi')!.active).toBe(true);
    });

    it('others read the units but get no form, and a posted form is 403', async () => {
      const officer = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
      const home = await officer.get('/enheter');
      expect(home.status).toBe(200);
      expect(home.html).not.toContain('href="/enheter" aria-current');
      expect(home.html).not.toContain('Lägg till en enhet</h2>');
      const page = await officer.get('/enheter/sfi');
      expect(page.html).toContain('Bara administratörer kan ändra enheter.');
      const refused = await officer.post('/enheter/sfi', { name: 'Kaos', nameEn: 'Chaos', active: 'true', reason: 'Varför inte' }, '/enheter/sfi');
      expect(refused.status).toBe(403);
      expect((await units()).find((u) => u.id === 'sfi')!.name).toBe(NEW_SFI_NAME);
    });
  });
});
