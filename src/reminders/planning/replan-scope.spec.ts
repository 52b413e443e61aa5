import type { RecommendationState } from '../../recommendations/domain/recommendation.state';
import { narrowed, replanScope, type AppendedEvent } from './replan-scope';

const at = '2012-04-10T08:00:00.000Z';
const rec = (type: string, data: unknown, id = 'r2'): AppendedEvent => ({ streamId: `recommendation-${id}`, type, data, occurredAt: at });
const outcome = (kind: string, actionId: string | null, result = 'sent') =>
  rec('ReminderRecorded', { reminderId: `rem-${kind}`, kind, actionId, milestoneKey: null, recipient: 'x@demo.local', outcome: result, detail: 'why' });

describe('what a batch of events asks the reminder planner to replan', () => {
  it('an event about one action replans only that action', () => {
    const scope = replanScope([rec('ActionAdded', { actionId: 'a1' }), rec('ActionRescheduled', { actionId: 'a2' })]);
    expect(scope.recommendations).toEqual(new Map([['r2', new Set(['a1', 'a2'])]]));
    expect(scope.cycles).toBe(false);
  });

  it('a decision or reopening replans every action of the recommendation', () => {
    const scope = replanScope([rec('ActionAdded', { actionId: 'a1' }), rec('RecommendationReopened', { reason: 'x' })]);
    expect(scope.recommendations).toEqual(new Map([['r2', 'all']]));
  });

  it('progress, completion, cancellation and assessment plan nothing new: what they make obsolete is skipped when it comes due', () => {
    const scope = replanScope([
      rec('ActionProgressReported', { actionId: 'a1' }),
      rec('ActionCompleted', { actionId: 'a1' }),
      rec('ActionCancelled', { actionId: 'a2' }),
      rec('RecommendationAssessed', { status: 'implemented' }),
    ]);
    expect(scope.recommendations.size).toBe(0);
  });

  it('a retracted progress note replans its action: the period may be unreported again', () => {
    const scope = replanScope([rec('ActionProgressRetracted', { actionId: 'a1', updateSeq: 1, reason: 'Fel åtgärd', progressPercent: 0 })]);
    expect(scope.recommendations).toEqual(new Map([['r2', new Set(['a1'])]]));
  });

  it('a cycle event replans everything', () => {
    expect(replanScope([{ streamId: 'cycle-c1', type: 'CycleChanged', data: {}, occurredAt: at }]).cycles).toBe(true);
  });

  it('a recorded overdue notice replans its action, which carries the weekly chain on; other outcomes replan nothing', () => {
    expect(replanScope([outcome('action_overdue', 'a1')]).recommendations).toEqual(new Map([['r2', new Set(['a1'])]]));
    expect(replanScope([outcome('milestone_due', 'a1', 'skipped')]).recommendations.size).toBe(0);
  });

  it('every recorded outcome is passed on, to update its reminders row in the same transaction', () => {
    expect(replanScope([outcome('milestone_due', 'a1', 'skipped')]).outcomes).toEqual([
      { recommendationId: 'r2', reminderId: 'rem-milestone_due', kind: 'milestone_due', outcome: 'skipped', detail: 'why', at },
    ]);
  });

  it('events of other streams are ignored', () => {
    const scope = replanScope([{ streamId: 'review-1', type: 'ReviewRegistered', data: {}, occurredAt: at }]);
    expect(scope).toEqual({ recommendations: new Map(), cycles: false, outcomes: [] });
  });

  it('narrowing keeps only the actions in scope', () => {
    const state = { id: 'r2', actions: [{ id: 'a1' }, { id: 'a2' }] } as unknown as RecommendationState;
    expect(narrowed(state, new Set(['a2'])).actions).toEqual([{ id: 'a2' }]);
    expect(narrowed(state, 'all')).toBe(state);
  });
});
