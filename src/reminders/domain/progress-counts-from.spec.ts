import type { CycleState } from '../../cycles/domain/cycle';
import type { RecommendationEvent } from '../../recommendations/domain/recommendation.events';
import { foldRecommendation, type RecommendationState } from '../../recommendations/domain/recommendation.state';
import { VERKSAMHETSPLAN_2012 } from '../../seed/stockholm-2012';
import { checkReminder, milestoneOf, plannedMilestones, planReminders, progressCountsFrom, summarizeMilestone } from './reminder-plan';

/**
 * The reminders' readers read only the progress updates reported from
 * progressCountsFrom on (a text comparison in SQL, as the log writes its
 * instants). Whatever the instant, the plan, the check and the summary from a
 * state cut so must be those from the whole state.
 */

const OWNER = 'handlaggare.sfi@demo.local';
const cycle: CycleState = { id: 'vp2012', ...VERKSAMHETSPLAN_2012, version: 1, lastChangedAt: '2011-12-01T09:00:00.000Z' };
const people = { unitHeads: { sfi: ['chef.sfi@demo.local'] }, secretaries: ['sekreterare@demo.local'] };

/** Notes on a1 every ten days or so, and some on the edges of the periods in Stockholm time (midnight is 22:00 or 23:00 UTC). */
const NOTE_TIMES = [
  ...Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2011, 11, 1) + i * 9.5 * 24 * 3600 * 1000).toISOString()),
  '2011-12-31T22:59:59.999Z',
  '2011-12-31T23:00:00.000Z',
  '2012-04-30T21:59:59.999Z',
  '2012-04-30T22:00:00.000Z',
].sort();

function recommendation(): RecommendationState {
  const events: Array<[string, RecommendationEvent]> = [
    [
      '2011-11-01T09:00:00.000Z',
      { type: 'RecommendationRegistered', data: { recommendationId: 'r2', reviewId: 'rev', code: 'R2', title: 'Uppsökande', text: 'Text', textEn: null, responsibleUnit: 'sfi' } },
    ],
    ['2011-11-02T09:00:00.000Z', { type: 'RecommendationDecided', data: { decision: 'accepted', reason: 'VP 2012', meeting: null } }],
    ...['a1', 'a2', 'a3'].map(
      (actionId, i): [string, RecommendationEvent] => [
        `2011-11-0${3 + i}T09:00:00.000Z`,
        { type: 'ActionAdded', data: { actionId, title: actionId, description: null, responsibleUnit: 'sfi', ownerEmail: OWNER, dueDate: ['2012-03-31', '2012-08-31', '2012-12-31'][i] } },
      ],
    ),
    ...NOTE_TIMES.map((at, i): [string, RecommendationEvent] => [at, { type: 'ActionProgressReported', data: { actionId: i % 3 === 0 ? 'a2' : 'a1', progressPercent: i % 90, note: `n${i}`, evidence: [] } }]),
  ];
  return foldRecommendation(events.map(([occurredAt, e]) => ({ ...e, occurredAt, actorEmail: OWNER })))!;
}

/** The state as the readers read it: each action's updates reported at or after the day, compared as text. */
const cut = (s: RecommendationState, from: string | null): RecommendationState => ({
  ...s,
  actions: s.actions.map((a) => ({ ...a, updates: from === null ? [] : a.updates.filter((u) => u.at >= from) })),
});

const whole = recommendation();
const NOWS = ['2011-12-15T08:00:00.000Z', '2012-01-01T07:00:00.000Z', '2012-03-20T08:00:00.000Z', '2012-05-15T06:00:00.000Z', '2012-05-21T06:00:00.000Z', '2012-07-01T08:00:00.000Z', '2012-09-24T06:00:00.000Z', '2013-02-18T06:00:00.000Z'];

describe('progress counts from the day before the earliest period it can count for', () => {
  it.each(NOWS)('at %s the plan and the secretary summaries are those of the whole state', (now) => {
    const from = progressCountsFrom(plannedMilestones([cycle], now));
    const state = cut(whole, from);
    expect(state.actions.flatMap((a) => a.updates).length).toBeLessThanOrEqual(NOTE_TIMES.length);
    expect(planReminders({ recommendation: state, cycles: [cycle], unitHeads: people.unitHeads, now })).toEqual(
      planReminders({ recommendation: whole, cycles: [cycle], unitHeads: people.unitHeads, now }),
    );
    for (const milestone of plannedMilestones([cycle], now)) expect(summarizeMilestone([state], milestone, now)).toEqual(summarizeMilestone([whole], milestone, now));
  });

  it.each(NOWS)('at %s every reminder planned before is checked as with the whole state', (now) => {
    const planned = planReminders({ recommendation: whole, cycles: [cycle], unitHeads: people.unitHeads, now: '2011-11-10T08:00:00.000Z' });
    expect(planned.length).toBeGreaterThan(0);
    for (const reminder of planned) {
      const state = cut(whole, progressCountsFrom(milestoneOf(reminder, [cycle])));
      expect(checkReminder(reminder, { recommendation: state, cycles: [cycle], ...people }, now)).toEqual(
        checkReminder(reminder, { recommendation: whole, cycles: [cycle], ...people }, now),
      );
    }
  });

  it('leaves out what no milestone can count: notes from before the earliest period, and all of them when no milestone is ahead', () => {
    expect(progressCountsFrom(plannedMilestones([cycle], '2012-03-20T08:00:00.000Z'))).toBe('2011-12-31');
    expect(progressCountsFrom(plannedMilestones([cycle], '2012-07-01T08:00:00.000Z'))).toBe('2011-12-31');
    expect(progressCountsFrom([cycle.milestones[1]])).toBe('2012-04-30');
    expect(progressCountsFrom(plannedMilestones([cycle], '2013-03-01T08:00:00.000Z'))).toBeNull();
  });
});
