import { Database } from '../src/event-store/database';
import { Clock } from '../src/kernel/clock';
import { Projector } from '../src/projections/projector';
import { api, bearer, binary, type DemoApp, givenAcceptedR2WithAnAction, startDemoApp, stopDemoApp } from './support/test-app';
import { csrfOf, WebClient } from './support/web-client';

/** The text a page shows, without its tags: what a reader of the page sees. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('corrections: what was entered by mistake is corrected with a reason, and the history keeps both', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let actionId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-03-15T09:00:00Z' }));
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande tema i Järva', dueDate: '2012-04-20' }));
    const list = await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200);
    for (const r of list.body as Array<{ code: string; id: string }>) ids[r.code] = r.id;
  });
  afterAll(() => stopDemoApp({ db, app }));

  const history = async (id: string) => (await api(app).get(`/api/v1/recommendations/${id}/history`).set(bearer(t.auditor)).expect(200)).body as Array<{ type: string; data: any; reason: string | null }>;

  it("an officer corrects an action's title with a reason: the action has the new title and the history both versions, in plain words", async () => {
    const edited = await api(app)
      .patch(`/api/v1/recommendations/${r2}/actions/${actionId}`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Uppsökande team i Järva', reason: 'Stavfel i titeln' })
      .expect(200);
    expect(edited.body.actions[0].title).toBe('Uppsökande team i Järva');
    const event = (await history(r2)).find((e) => e.type === 'ActionEdited')!;
    expect(event.data).toMatchObject({ previousTitle: 'Uppsökande tema i Järva', title: 'Uppsökande team i Järva', reason: 'Stavfel i titeln' });

    const web = await WebClient.signIn(app, 'revisor@demo.local');
    const page = textOf((await web.get(`/rekommendationer/${r2}`)).html);
    expect(page).toContain('Ändrade titeln på åtgärden från ”Uppsökande tema i Järva” till ”Uppsökande team i Järva”.');
    expect(page).toContain('Stavfel i titeln');
  });

  it('an edit without a reason, with a blank title, or by another unit is refused: 400 naming the field, 403', async () => {
    const blank = await api(app).patch(`/api/v1/recommendations/${r2}/actions/${actionId}`).set(bearer(t.sfiOfficer)).send({ title: '   ', reason: 'x' }).expect(400);
    expect(JSON.stringify(blank.body)).toContain('title');
    const noReason = await api(app).patch(`/api/v1/recommendations/${r2}/actions/${actionId}`).set(bearer(t.sfiOfficer)).send({ title: 'Ny titel' }).expect(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    await api(app).patch(`/api/v1/recommendations/${r2}/actions/${actionId}`).set(bearer(t.utredningOfficer)).send({ title: 'Ny titel', reason: 'x' }).expect(403);
  });

  it('a retracted note stays, marked, and no longer counts: progress, the notes, the report and the public page go back to the note before', async () => {
    const progress = (pct: number, note: string) =>
      api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: pct, note }).expect(200);
    await progress(30, 'Möten med föreningar i Rinkeby');
    const wrong = await progress(80, 'Rapporterat på fel åtgärd');
    const note = wrong.body.actions[0].updates.find((u: { note: string }) => u.note === 'Rapporterat på fel åtgärd');
    expect(wrong.body.actions[0].progressPercent).toBe(80);

    const retracted = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress/${note.id}/retract`)
      .set(bearer(t.sfiOfficer))
      .send({ reason: 'Hörde till en annan åtgärd' })
      .expect(200);
    expect(retracted.body.actions[0].progressPercent).toBe(30);
    expect(retracted.body.progressPercent).toBe(30);

    const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    const shown = detail.body.actions[0].updates.find((u: { id: number }) => u.id === note.id);
    expect(shown).toMatchObject({ note: 'Rapporterat på fel åtgärd', retracted: { by: 'handlaggare.sfi@demo.local', reason: 'Hörde till en annan åtgärd' } });
    expect(detail.body.actions[0].progressPercent).toBe(30);
    const updates = await api(app).get(`/api/v1/recommendations/${r2}/actions/${actionId}/updates`).set(bearer(t.auditor)).expect(200);
    expect(updates.body.map((u: { retracted: unknown }) => u.retracted !== null)).toEqual([false, true]);

    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress/${note.id}/retract`).set(bearer(t.sfiOfficer)).send({ reason: 'Igen' }).expect(409);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress/99/retract`).set(bearer(t.sfiOfficer)).send({ reason: 'Finns inte' }).expect(404);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/progress/1/retract`).set(bearer(t.sfiOfficer)).send({ reason: ' ' }).expect(400);

    const publicR2 = ((await api(app).get('/api/v1/public/recommendations').expect(200)).body as Array<{ code: string; progressPercent: number }>).find((r) => r.code === 'R2')!;
    expect(publicR2.progressPercent).toBe(30);

    app.get(Clock).set('2012-05-10T08:00:00Z');
    const cycleId = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary)).expect(200)).body[0].id;
    const made = await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId, milestoneKey: 'T1', language: 'sv', format: 'json' }).expect(201);
    const file = await api(app).get(`/api/v1/reports/${made.body.id}/content`).set(bearer(t.secretary)).buffer(true).parse(binary);
    const model = JSON.parse((file.body as Buffer).toString('utf8'));
    const action = model.recommendations.find((r: { code: string }) => r.code === 'R2').actions[0];
    expect(action.progressPercent).toBe(30);
    expect(action.latestNote.note).toBe('Möten med föreningar i Rinkeby');
    // "What changed" names the corrections, with their reasons.
    const changes = model.changes as Array<{ kind: string; kindText: string; subject: string; details: string; reason: string | null }>;
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'action_edited', kindText: 'Åtgärd ändrad', details: 'Uppsökande tema i Järva → Uppsökande team i Järva', reason: 'Stavfel i titeln' }),
        expect.objectContaining({ kind: 'progress_retracted', kindText: 'Rapport tillbakatagen', details: expect.stringMatching(/^30\s%$/), reason: 'Hörde till en annan åtgärd' }),
      ]),
    );
    app.get(Clock).set('2012-03-16T09:00:00Z');
  });

  it('a reschedule to a day before today (Stockholm) is 400 naming dueDate; today is fine', async () => {
    // 2012-03-15T23:30Z is already the 16th in Stockholm.
    app.get(Clock).set('2012-03-15T23:30:00Z');
    const past = await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/reschedule`).set(bearer(t.sfiOfficer)).send({ dueDate: '2012-03-15', reason: 'Senare' }).expect(400);
    expect(past.body.details).toEqual([expect.objectContaining({ field: 'dueDate' })]);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/reschedule`).set(bearer(t.sfiOfficer)).send({ dueDate: '2012-03-16', reason: 'Senare' }).expect(200);
  });

  it('blank or whitespace-only text is refused with 400 naming the field, wherever text is required', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [`/api/v1/recommendations/${r2}/actions`, { title: ' \t ', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' }, 'title'],
      [`/api/v1/recommendations/${r2}/actions/${actionId}/progress`, { progressPercent: 40, note: '   ' }, 'note'],
      [`/api/v1/recommendations/${r2}/actions/${actionId}/cancel`, { reason: '\n' }, 'reason'],
      [`/api/v1/recommendations/${r2}/actions/${actionId}/reschedule`, { dueDate: '2012-09-30', reason: '  ' }, 'reason'],
    ];
    for (const [path, body, field] of cases) {
      const res = await api(app).post(path).set(bearer(t.sfiOfficer)).send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const progressAfter = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    expect(progressAfter.body.actions).toHaveLength(1);
  });

  it('a past due date on a new action is allowed by the API (recording what happened); the web form asks to confirm it first', async () => {
    await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title: 'Informationsmöte som redan hölls', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-02-01' })
      .expect(201);
    const web = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    const fields = { title: 'Ännu ett möte', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-02-02' };
    const asked = await web.post(`/rekommendationer/${r2}/atgarder`, fields, `/rekommendationer/${r2}`);
    expect(asked.status).toBe(400);
    expect(textOf(asked.html)).toContain('Datumet har redan passerat – spara ändå');
    const saved = await web.post(`/rekommendationer/${r2}/atgarder`, { ...fields, confirmPastDate: 'yes' }, `/rekommendationer/${r2}`);
    expect(saved.status).toBe(303);
  });

  it('a double-submitted web form makes one change: the second post with the same form key answers as the first', async () => {
    const web = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    const page = (await web.get(`/rekommendationer/${r2}`)).html;
    const formKey = /name="_formKey" value="([^"]+)"/.exec(page)![1];
    const fields = { title: 'Dubbelklickad åtgärd', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31', _formKey: formKey };
    const [first, second] = await Promise.all([
      web.post(`/rekommendationer/${r2}/atgarder`, fields, `/rekommendationer/${r2}`),
      web.post(`/rekommendationer/${r2}/atgarder`, fields, `/rekommendationer/${r2}`),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const detail = await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200);
    expect(detail.body.actions.filter((a: { title: string }) => a.title === 'Dubbelklickad åtgärd')).toHaveLength(1);
    // Each rendering of a form has a key of its own: two forms sent one after the other are two changes.
    expect(csrfOf(page)).toBeTruthy();
    const again = (await web.get(`/rekommendationer/${r2}`)).html;
    expect(/name="_formKey" value="([^"]+)"/.exec(again)![1]).not.toBe(formKey);
  });

  it('a decision sent from a page opened before another secretary recorded one shows the recommendation as it is now, saying why, not a dead end', async () => {
    const list = (await api(app).get('/api/v1/recommendations').set(bearer(t.secretary)).expect(200)).body;
    const open = list.find((r: { status: string }) => r.status === 'received');
    const web = await WebClient.signIn(app, 'sekreterare@demo.local');
    await api(app).post(`/api/v1/recommendations/${open.id}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Beslutat i nämnden' }).expect(200);
    const late = await web.post(`/rekommendationer/${open.id}/beslut`, { decision: 'deferred', reason: 'Vänta till hösten' }, `/rekommendationer/${open.id}`);
    expect(late.status).toBe(409);
    const text = textOf(late.html);
    expect(text).toContain(`${open.code} ${open.title}`);
    expect(late.html).toMatch(/<div class="error-box" role="alert" id="decision-errors" tabindex="-1" autofocus>/);
    expect(text).toContain('Beslutat i nämnden');
    expect(text).not.toContain('Till startsidan');
  });

  it('a form sent again with other input (Back, changed, sent) is told so in words, writes nothing, and then goes with a key of its own', async () => {
    const web = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    const page = (await web.get(`/rekommendationer/${r2}`)).html;
    const formKey = /name="_formKey" value="([^"]+)"/.exec(page)![1];
    const path = `/rekommendationer/${r2}/atgarder/${actionId}/framsteg`;
    const notes = async () => (await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.auditor)).expect(200)).body.actions.find((a: { id: string }) => a.id === actionId).updateCount;
    expect((await web.post(path, { progressPercent: '50', note: 'Halvvägs', _formKey: formKey }, `/rekommendationer/${r2}`)).status).toBe(303);
    const before = await notes();
    const again = await web.post(path, { progressPercent: '55', note: 'Lite mer än halvvägs', _formKey: formKey }, `/rekommendationer/${r2}`);
    expect(again.status).toBe(409);
    expect(textOf(again.html)).toContain('Formuläret hade redan skickats en gång, med andra uppgifter (efter Tillbaka i webbläsaren?). Inget nytt sparades.');
    expect(again.html).toContain('Lite mer än halvvägs');
    expect(await notes()).toBe(before);
    const newKey = /name="_formKey" value="([^"]+)"/.exec(again.html)![1];
    expect(newKey).not.toBe(formKey);
    expect((await web.post(path, { progressPercent: '55', note: 'Lite mer än halvvägs', _formKey: newKey }, `/rekommendationer/${r2}`)).status).toBe(303);
    expect(await notes()).toBe(before + 1);
  });

  it('the same holds on the other pages with forms: a user added by a double-clicked form is added once', async () => {
    const admin = await WebClient.signIn(app, 'admin@demo.local');
    const page = (await admin.get('/anvandare')).html;
    const formKey = /name="_formKey" value="([^"]+)"/.exec(page)![1];
    const fields = { email: 'olle.officer@demo.local', name: 'Olle Officer', role: 'officer', unit: 'sfi', language: 'sv', _formKey: formKey };
    const [first, second] = await Promise.all([admin.post('/anvandare', fields, '/anvandare'), admin.post('/anvandare', fields, '/anvandare')]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    const users = await api(app).get('/api/v1/users?limit=100').set(bearer(t.admin)).expect(200);
    expect((users.body as Array<{ email: string }>).filter((u) => u.email === 'olle.officer@demo.local')).toHaveLength(1);
  });

  it("a period whose only note was retracted is unreported again on the secretary's page, until a later note reports it", async () => {
    const title = 'Enkät till arbetsgivare i Järva';
    const added = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions`)
      .set(bearer(t.sfiOfficer))
      .send({ title, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-10-31' })
      .expect(201);
    const id = added.body.actions.find((a: { title: string }) => a.title === title).id;
    const noted = await api(app).post(`/api/v1/recommendations/${r2}/actions/${id}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 10, note: 'Skickad' }).expect(200);
    const secretary = await WebClient.signIn(app, 'sekreterare@demo.local');
    const missing = async () => {
      const text = textOf((await secretary.get('/ej-rapporterat')).html);
      return text.slice(text.indexOf('Har inte rapporterat under perioden'), text.indexOf('Försenade åtgärder'));
    };
    expect(await missing()).not.toContain(title);
    const note = noted.body.actions.find((a: { id: string }) => a.id === id).updates[0];
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${id}/progress/${note.id}/retract`).set(bearer(t.sfiOfficer)).send({ reason: 'Enkäten skickades aldrig' }).expect(200);
    expect(await missing()).toContain(title);
    // A later note reports the period again, whatever was retracted before it.
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${id}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 10, note: 'Skickad på riktigt' }).expect(200);
    expect(await missing()).not.toContain(title);
  });

  it('a double-clicked report form makes one report, and both answers lead to it', async () => {
    const secretary = await WebClient.signIn(app, 'sekreterare@demo.local');
    const page = (await secretary.get('/rapporter')).html;
    const formKey = /name="_formKey" value="([^"]+)"/.exec(page)![1];
    const milestone = /<option value="([^"]+)"[^>]*>Tertialrapport 1 \(T1\)/.exec(page)![1];
    const before = (await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(200)).body as unknown[];
    const fields = { milestone, language: 'sv', format: 'json', _formKey: formKey };
    const [first, second] = await Promise.all([secretary.post('/rapporter', fields, '/rapporter'), secretary.post('/rapporter', fields, '/rapporter')]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    const after = (await api(app).get('/api/v1/reports').set(bearer(t.secretary)).expect(200)).body as unknown[];
    expect(after).toHaveLength(before.length + 1);
  });

  it('a mistaken rejection is corrected back to received by the secretary; the rejection stays in the history, marked', async () => {
    const r3 = ids.R3;
    await api(app).post(`/api/v1/recommendations/${r3}/decision`).set(bearer(t.secretary)).send({ decision: 'rejected', reason: 'Fel ärende i listan' }).expect(200);
    await api(app).post(`/api/v1/recommendations/${r3}/corrections`).set(bearer(t.sfiOfficer)).send({ corrects: 'decision', reason: 'x' }).expect(403);
    await api(app).post(`/api/v1/recommendations/${r3}/corrections`).set(bearer(t.secretary)).send({ corrects: 'assessment', reason: 'x' }).expect(409);
    await api(app).post(`/api/v1/recommendations/${r3}/corrections`).set(bearer(t.secretary)).send({ corrects: 'decision', reason: '  ' }).expect(400);
    const corrected = await api(app)
      .post(`/api/v1/recommendations/${r3}/corrections`)
      .set(bearer(t.secretary))
      .send({ corrects: 'decision', reason: 'Avslaget registrerades på fel rekommendation' })
      .expect(200);
    expect(corrected.body).toMatchObject({ status: 'received', decision: null });
    expect((await history(r3)).map((e) => e.type)).toEqual(['RecommendationRegistered', 'RecommendationDecided', 'RecommendationCorrected']);

    const web = await WebClient.signIn(app, 'revisor@demo.local');
    const page = textOf((await web.get(`/rekommendationer/${r3}`)).html);
    expect(page).toContain('Nämnden avslog rekommendationen. Rättad senare: räknas inte.');
    expect(page).toContain('Rättade nämndens beslut ”Avslå”, som registrerats av misstag; status är åter Mottagen.');
    await api(app).post(`/api/v1/recommendations/${r3}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Rätt beslut' }).expect(200);
  });

  it('a mistaken assessment is corrected back to the status before it, and the recommendation can be assessed again', async () => {
    const r4 = ids.R4;
    await api(app).post(`/api/v1/recommendations/${r4}/decision`).set(bearer(t.secretary)).send({ decision: 'accepted', reason: 'Ja' }).expect(200);
    await api(app).post(`/api/v1/recommendations/${r4}/assessment`).set(bearer(t.secretary)).send({ status: 'not_implemented', reason: 'Fel rekommendation' }).expect(200);
    const corrected = await api(app).post(`/api/v1/recommendations/${r4}/corrections`).set(bearer(t.admin)).send({ corrects: 'assessment', reason: 'Bedömningen gällde R5' }).expect(200);
    expect(corrected.body).toMatchObject({ status: 'accepted', assessment: null, decision: { decision: 'accepted' } });
    await api(app).post(`/api/v1/recommendations/${r4}/corrections`).set(bearer(t.admin)).send({ corrects: 'assessment', reason: 'Igen' }).expect(409);
    await api(app).post(`/api/v1/recommendations/${r4}/assessment`).set(bearer(t.secretary)).send({ status: 'implemented', reason: 'Rätt bedömning' }).expect(200);
  });

  it('the web forms: the officer edits and retracts, the secretary corrects a decision, each without JavaScript', async () => {
    const officer = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    const page = (await officer.get(`/rekommendationer/${r2}`)).html;
    expect(page).toContain(`action="/rekommendationer/${r2}/atgarder/${actionId}/andra`);
    expect(page).toContain(`/atgarder/${actionId}/framsteg/1/ta-tillbaka`);
    // The new action's owner field offers the active users of the recommendation's unit.
    expect(page).toMatch(/<datalist id="add-action-owners">[^]*value="chef\.sfi@demo\.local"[^]*<\/datalist>/);
    expect(page).toContain('list="add-action-owners"');
    const blank = await officer.post(`/rekommendationer/${r2}/atgarder/${actionId}/andra`, { title: ' ', description: '', reason: 'x' }, `/rekommendationer/${r2}`);
    expect(blank.status).toBe(400);
    const edited = await officer.post(`/rekommendationer/${r2}/atgarder/${actionId}/andra`, { title: 'Uppsökande team i Järva och Tensta', description: '', reason: 'Tensta ingår' }, `/rekommendationer/${r2}`);
    expect(edited.status).toBe(303);
    const retracted = await officer.post(`/rekommendationer/${r2}/atgarder/${actionId}/framsteg/1/ta-tillbaka`, { reason: 'Fel siffra' }, `/rekommendationer/${r2}`);
    expect(retracted.status).toBe(303);
    const after = textOf((await officer.get(retracted.location!)).html);
    expect(after).toContain('Rapporten är tillbakatagen och räknas inte längre.');
    expect(after).toContain('Tillbakatagen av handlaggare.sfi@demo.local');

    const secretary = await WebClient.signIn(app, 'sekreterare@demo.local');
    const r5 = ids.R5;
    await api(app).post(`/api/v1/recommendations/${r5}/decision`).set(bearer(t.secretary)).send({ decision: 'rejected', reason: 'Misstag' }).expect(200);
    expect(textOf((await secretary.get(`/rekommendationer/${r5}`)).html)).toContain('Rätta beslut');
    const corrected = await secretary.post(`/rekommendationer/${r5}/rattelse`, { corrects: 'decision', reason: 'Registrerat av misstag' }, `/rekommendationer/${r5}`);
    expect(corrected.status).toBe(303);
    const detail = await api(app).get(`/api/v1/recommendations/${r5}`).set(bearer(t.auditor)).expect(200);
    expect(detail.body.status).toBe('received');
  });

  it('npm run projections:rebuild gives exactly the rows the inline projection wrote: retracted notes and what corrections restore included', async () => {
    const rows = async () => {
      const out: Record<string, unknown[]> = {};
      for (const [table, order] of [
        ['rm_recommendations', 'id'],
        ['rm_actions', 'recommendation_id, id'],
        ['rm_action_updates', 'recommendation_id, action_id, seq'],
      ]) {
        out[table] = (await app.get(Database).query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`)).map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])),
        );
      }
      return out;
    };
    const inline = await rows();
    expect(inline.rm_action_updates.filter((u) => (u as { retracted_at: string | null }).retracted_at !== null).length).toBeGreaterThanOrEqual(2);
    await app.get(Projector).rebuild();
    expect(await rows()).toEqual(inline);
  });
});
