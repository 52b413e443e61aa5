import { UserAccounts } from '../src/users/user-accounts';
import { Database } from '../src/event-store/database';
import { api, bearer, type DemoApp, startDemoApp, stopDemoApp } from './support/test-app';
import { WebClient } from './support/web-client';

const FORMER = 'tidigare.handlaggare@demo.local';

/** The add-action form as a user fills it in. */
const form = (ownerEmail: string) => ({ title: 'Informationsmaterial på tio språk', description: '', responsibleUnit: 'sfi', ownerEmail, dueDate: '2012-05-31' });

/** The message shown next to a field of the add-action form, and the field's input element. */
function fieldOf(html: string, name: string): { error: string | null; input: string | null } {
  const id = `add-action-${name}`;
  return {
    error: new RegExp(`<span class="field-error" id="${id}-error">([^<]*)</span>`).exec(html)?.[1] ?? null,
    input: new RegExp(`<input id="${id}"[^>]*>`).exec(html)?.[0] ?? null,
  };
}

describe("an action's owner must be an active user of its responsible unit", () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let actionId: string;

  const recommendation = async () => (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200)).body;
  const addAction = (token: string, ownerEmail: string, responsibleUnit = 'sfi') =>
    api(app).post(`/api/v1/recommendations/${r2}/actions`).set(bearer(token)).send({ title: 'Uppsökande team i Järva', responsibleUnit, ownerEmail, dueDate: '2012-08-31' });

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-04-10T08:00:00Z' }));
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    r2 = list.body.find((r: { code: string }) => r.code === 'R2').id;
    await api(app).post(`/api/v1/recommendations/${r2}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012' }).expect(200);
    // An officer of sfi who has left: the account stays, marked as no longer active.
    const former = await app.get(UserAccounts).create({ email: FORMER, name: 'Tidigare handläggare', role: 'officer', unit: 'sfi', language: 'sv', password: 'demo-password' });
    await app.get(Database).write((tx) => tx.query('UPDATE users SET deactivated_at = ? WHERE id = ?', ['2012-03-01T00:00:00.000Z', former.id]));
  });
  afterAll(() => stopDemoApp({ db, app }));

  it.each([
    ['someone outside the organisation', 'nobody@example.com'],
    ['a user of another unit', 'handlaggare.utredning@demo.local'],
    ['a deactivated user of the unit', FORMER],
    ['a user of no unit', 'sekreterare@demo.local'],
  ])('%s is refused as owner with 400 naming ownerEmail, and nothing is written', async (_who, owner) => {
    const before = await recommendation();
    const res = await addAction(t.sfiOfficer, owner).expect(400);
    expect(res.body.details).toEqual([{ field: 'ownerEmail', message: 'must be an active user of the unit sfi' }]);
    expect(res.body.message).toBe(`The owner ${owner} is not an active user of the unit sfi`);
    const after = await recommendation();
    expect(after.version).toBe(before.version);
    expect(after.actions).toEqual(before.actions);
  });

  it('a user of the unit is accepted, whatever the case of the address', async () => {
    const res = await addAction(t.secretary, 'Chef.SFI@demo.local').expect(201);
    expect(res.body.actions.map((a: { ownerEmail: string }) => a.ownerEmail)).toEqual(['chef.sfi@demo.local']);
    actionId = res.body.actions[0].id;
  });

  it('someone who may not add the action is told so first, not whether the owner is known', async () => {
    await addAction(t.auditor, 'nobody@example.com').expect(403);
    await addAction(t.utredningOfficer, 'nobody@example.com').expect(403);
  });

  it('reassigning follows the same rule, in the new unit when the unit changes', async () => {
    const assign = (body: object) => api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/assign`).set(bearer(t.sfiHead)).send(body);
    const before = await recommendation();
    for (const body of [
      { ownerEmail: 'nobody@example.com' },
      { ownerEmail: FORMER },
      { ownerEmail: 'handlaggare.utredning@demo.local' },
      { ownerEmail: 'handlaggare.sfi@demo.local', responsibleUnit: 'utredning' },
    ]) {
      const res = await assign(body).expect(400);
      expect({ body, details: res.body.details }).toEqual({ body, details: [{ field: 'ownerEmail', message: expect.stringMatching(/^must be an active user of the unit /) }] });
    }
    expect((await recommendation()).version).toBe(before.version);

    await assign({ ownerEmail: 'handlaggare.sfi@demo.local' }).expect(200);
    const moved = await assign({ ownerEmail: 'handlaggare.utredning@demo.local', responsibleUnit: 'utredning' }).expect(200);
    expect(moved.body.actions[0]).toMatchObject({ ownerEmail: 'handlaggare.utredning@demo.local', responsibleUnit: 'utredning' });
  });

  it('in the web form the refusal shows next to the owner field, in Swedish, keeping what was typed, and nothing is written', async () => {
    const before = await recommendation();
    const web = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    const page = await web.post(`/rekommendationer/${r2}/atgarder`, form('nobody@example.com'), `/rekommendationer/${r2}`);
    expect(page.status).toBe(400);
    expect(fieldOf(page.html, 'ownerEmail')).toEqual({
      error: 'Ansvarig måste vara en aktiv användare i den ansvariga enheten.',
      input: expect.stringMatching(/^(?=.*value="nobody@example\.com")(?=.*aria-invalid="true")(?=.*aria-describedby="add-action-ownerEmail-error")/),
    });
    expect(page.html).toContain('value="Informationsmaterial på tio språk"');
    expect((await recommendation()).version).toBe(before.version);
  });

  it('in English on request, and the same form with an owner of the unit adds the action', async () => {
    const web = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    expect((await web.post('/sprak', { lang: 'en', next: `/rekommendationer/${r2}` }, `/rekommendationer/${r2}`)).status).toBe(303);
    const refused = await web.post(`/rekommendationer/${r2}/atgarder`, form(FORMER), `/rekommendationer/${r2}`);
    expect(fieldOf(refused.html, 'ownerEmail').error).toBe('The owner must be an active user of the responsible unit.');

    const added = await web.post(`/rekommendationer/${r2}/atgarder`, form('handlaggare.sfi@demo.local'), `/rekommendationer/${r2}`);
    expect(added).toMatchObject({ status: 303, location: `/rekommendationer/${r2}?klart=actionAdded#actions` });
    const actions = (await recommendation()).actions as { title: string; ownerEmail: string }[];
    expect(actions.find((a) => a.title === 'Informationsmaterial på tio språk')?.ownerEmail).toBe('handlaggare.sfi@demo.local');
  });
});
