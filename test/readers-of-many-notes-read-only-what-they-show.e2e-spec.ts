import { QueryBus } from '@nestjs/cqrs';
import { Users } from '../src/auth/users';
import type { CycleState } from '../src/cycles/domain/cycle';
import { cyclesProjection } from '../src/cycles/cycles.projection';
import { Clock } from '../src/kernel/clock';
import { StateReader } from '../src/projections/state-reader';
import type { RecommendationState } from '../src/recommendations/domain/recommendation.state';
import { myActions, MyActionsQuery } from '../src/recommendations/my-actions/my-actions.query';
import { recommendationsProjection } from '../src/recommendations/recommendations.projection';
import { summarizeMilestone } from '../src/reminders/domain/reminder-plan';
import { NotReportedQuery } from '../src/reminders/not-reported/not-reported.query';
import { api, bearer, type DemoApp, givenAcceptedR2WithAnAction, startDemoApp, stopDemoApp } from './support/test-app';

/**
 * The reviews list, a review, "Mina åtgärder", "who has not reported" and the
 * public page read the summary and action rows, and only the progress notes a
 * rule can count (those of the next milestone's period), not every note of
 * every recommendation. What they show must be what the whole states show:
 * here with notes before the period, on its Stockholm-midnight edge and in it.
 */
describe('the readers of many recommendations answer from the rows as from the whole states', () => {
  let { db, app, t } = {} as DemoApp;
  let r2: string;
  const ids: Record<string, string> = {};
  const wholeStates = () => app.get(StateReader).current<RecommendationState>(recommendationsProjection);

  beforeAll(async () => {
    ({ db, app, t } = await startDemoApp({ APP_NOW: '2011-12-20T10:00:00Z' }));
    const given = await givenAcceptedR2WithAnAction(app, t, { title: 'Kartlägg Järva', dueDate: '2012-06-30' });
    r2 = given.r2;
    ids.A = given.actionId;
    for (const [name, action] of [
      ['B', { title: 'Informera i Rinkeby', dueDate: '2012-02-15', ownerEmail: 'handlaggare.sfi@demo.local' }],
      ['C', { title: 'Samråd med Husby', dueDate: '2012-05-31', ownerEmail: 'chef.sfi@demo.local' }],
    ] as const) {
      const res = await api(app).post(`/api/v1/recommendations/${r2}/actions`).set(bearer(t.sfiOfficer)).send({ ...action, responsibleUnit: 'sfi' }).expect(201);
      ids[name] = (res.body.actions as Array<{ id: string; title: string }>).find((a) => a.title === action.title)!.id;
    }
    const report = (action: string, token: string, note: string) =>
      api(app).post(`/api/v1/recommendations/${r2}/actions/${ids[action]}/progress`).set(bearer(token)).send({ progressPercent: 10, note }).expect(200);
    // Before T1's period (from 2012-01-01, Stockholm time): many notes on A.
    for (let i = 0; i < 25; i++) await report('A', t.sfiOfficer, `Förberedelse ${i + 1}`);
    // 23:30 on New Year's Eve in Stockholm: still before the period.
    app.get(Clock).set('2011-12-31T22:30:00Z');
    await report('C', t.sfiHead, 'Sista mötet för året');
    // 00:30 on New Year's Day in Stockholm, the evening before in UTC: in the period.
    app.get(Clock).set('2011-12-31T23:30:00Z');
    await report('B', t.sfiOfficer, 'Första informationsmötet');
    app.get(Clock).set('2012-04-10T08:00:00Z');
  });
  afterAll(() => stopDemoApp({ db, app }));

  it('who has not reported for T1: A, whose notes are all older, and C, reported on New Year\'s Eve; B, overdue, reported just after midnight', async () => {
    const [t1] = await app.get(QueryBus).execute(new NotReportedQuery());
    expect(t1.milestone.key).toBe('T1');
    expect(t1.notReported.map((i) => i.actionTitle)).toEqual(['Kartlägg Järva', 'Samråd med Husby']);
    expect(t1.overdue.map((i) => i.actionTitle)).toEqual(['Informera i Rinkeby']);
    expect({ overdue: t1.overdue, notReported: t1.notReported, awaitingApproval: t1.awaitingApproval }).toEqual(summarizeMilestone(await wholeStates(), t1.milestone, app.get(Clock).nowIso()));
    const [cycle] = await app.get(StateReader).current<CycleState>(cyclesProjection);
    expect(t1.cycleName).toBe(cycle.name);
  });

  it('"Mina åtgärder" of the officer and of the unit head: overdue first, then by due date, as from the whole states', async () => {
    const today = app.get(Clock).today();
    for (const email of ['handlaggare.sfi@demo.local', 'chef.sfi@demo.local', 'handlaggare.utredning@demo.local']) {
      const actor = (await app.get(Users).findByEmail(email))!;
      const mine = await app.get(QueryBus).execute(new MyActionsQuery(actor));
      expect(mine).toEqual(myActions(await wholeStates(), actor, today));
      if (email === 'handlaggare.sfi@demo.local') {
        expect(mine.map((a) => [a.title, a.overdue, a.progressPercent])).toEqual([
          ['Informera i Rinkeby', true, 10],
          ['Samråd med Husby', false, 10],
          ['Kartlägg Järva', false, 10],
        ]);
      }
      if (email === 'handlaggare.utredning@demo.local') expect(mine).toEqual([]);
    }
  });

  it('the reviews list counts the recommendations, and a review lists their summaries as the recommendation list does', async () => {
    const reviews = await api(app).get('/api/v1/reviews').set(bearer(t.secretary)).expect(200);
    expect(reviews.body.map((r: { recommendationCount: number }) => r.recommendationCount)).toEqual([5]);
    const reviewId = reviews.body[0].id as string;
    const review = await api(app).get(`/api/v1/reviews/${reviewId}`).set(bearer(t.secretary)).expect(200);
    const list = await api(app).get(`/api/v1/recommendations?reviewId=${reviewId}`).set(bearer(t.secretary)).expect(200);
    expect(review.body.recommendationCount).toBe(5);
    expect(review.body.recommendations).toEqual(list.body);
    expect(review.body.recommendations.map((r: { code: string }) => r.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    expect(review.body.recommendations[1]).toMatchObject({ id: r2, actionCount: 3, openActionCount: 3, overdueActionCount: 1, progressPercent: 10 });
  });

  it('the public page counts the actions of R2, describes none a secretary has not published, and shows no note', async () => {
    const page = await api(app).get('/oppet').expect(200);
    // Issue #12: nothing staff typed is public until a secretary publishes a summary of it.
    expect(page.text).toContain('3 åtgärder är inte beskrivna här ännu.');
    for (const title of ['Kartlägg Järva', 'Informera i Rinkeby', 'Samråd med Husby']) expect(page.text).not.toContain(title);
    expect(page.text).not.toContain('Förberedelse');
    expect(page.text).not.toContain('Första informationsmötet');
  });
});
