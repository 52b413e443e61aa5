import { QueryBus } from '@nestjs/cqrs';
import { Database } from '../src/event-store/database';
import { Clock } from '../src/kernel/clock';
import { readStatesWithUpdatesSince } from '../src/recommendations/recommendations.projection';
import { periodStartsAt, summarizeMilestone } from '../src/reminders/domain/reminder-plan';
import { NotReportedQuery } from '../src/reminders/not-reported/not-reported.query';
import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, startDemoApp, stopDemoApp } from './support/test-app';
import { WebClient } from './support/web-client';

/**
 * Issue #10: "who has not reported" reads the active recommendations only, and
 * of their notes only those of actions it chases (open, or claimed and waiting
 * for approval): finished work, most of a long log, is not read. What it lists
 * is still exactly what the reminders' rule says over everything.
 */
describe('who has not reported reads only what it chases, and says what the rule says', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  let reported: string;
  let finished: string;
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  beforeAll(async () => {
    // In T2's period (from 1 May 2012), its report due on 25 September.
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2012-06-01T08:00:00Z' }));
    ({ r2, actionId: reported } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande team i Järva', dueDate: '2012-08-31' }));
    const base = `/api/v1/recommendations/${r2}`;
    await api(app).post(`${base}/actions`).set(bearer(t.sfiOfficer)).send({ title: 'Informationsmaterial på tio språk', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' }).expect(201);
    const third = await api(app).post(`${base}/actions`).set(bearer(t.sfiOfficer)).send({ title: 'Kursutvärdering klar', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-05-15' }).expect(201);
    finished = third.body.actions[2].id;
    await api(app).post(`${base}/actions/${finished}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 50, note: 'Halvvägs' }).expect(200);
    await api(app).post(`${base}/actions/${finished}/complete`).set(bearer(t.sfiOfficer)).send({ note: 'Utvärderingen är skriven' }).expect(200);
    await api(app).post(`${base}/actions/${finished}/approve`).set(bearer(t.sfiHead)).send({}).expect(200);
    app.get(Clock).advance(60_000);
    await api(app).post(`${base}/actions/${reported}/progress`).set(bearer(t.sfiOfficer)).send({ progressPercent: 40, note: 'Järva besökt' }).expect(200);
    app.get(Clock).advance(60_000);
  });
  afterAll(() => stopDemoApp({ db, app }));

  it('lists the open action with no note since the period began, and neither the one with a note nor the finished one', async () => {
    const web = await WebClient.signIn(app, 'sekreterare@demo.local');
    const page = await web.get('/ej-rapporterat');
    expect(page.status).toBe(200);
    const all = text(page.html);
    // The table under "has not reported in the period", up to the overdue actions' heading.
    const missing = all.slice(all.indexOf('Har inte rapporterat under perioden'), all.indexOf('Försenade åtgärder'));
    expect(missing).toContain('Informationsmaterial på tio språk R2');
    expect(missing).not.toContain('Uppsökande team i Järva');
    expect(missing).not.toContain('Kursutvärdering klar');
  });

  it('gives what the reminders rule gives over every recommendation and every note since the period began', async () => {
    const [followUp] = await app.get(QueryBus).execute(new NotReportedQuery());
    expect(followUp.milestone.key).toBe('T2');
    const everything = await app.get(Database).read((sql) => readStatesWithUpdatesSince(sql, {}, periodStartsAt(followUp.milestone)));
    const rule = summarizeMilestone(everything, followUp.milestone, app.get(Clock).nowIso());
    expect({ notReported: followUp.notReported, overdue: followUp.overdue, awaitingApproval: followUp.awaitingApproval }).toEqual(rule);
    expect(followUp.notReported.map((i) => i.actionTitle)).toEqual(['Informationsmaterial på tio språk']);
    expect(everything.find((s) => s.id === r2)!.actions.find((a) => a.id === finished)!.updates.length).toBeGreaterThan(0);
  });
});
