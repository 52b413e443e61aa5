import { CYCLE_STREAM_PREFIX } from '../../cycles/domain/cycle';
import { RECOMMENDATION_STREAM_PREFIX } from '../../recommendations/domain/recommendation.events';
import type { RecommendationState } from '../../recommendations/domain/recommendation.state';
import type { ReminderKind } from '../domain/reminder-plan';

/** An appended event as the planner needs it. */
export interface AppendedEvent {
  streamId: string;
  type: string;
  data: any;
  occurredAt: string;
}

export interface ReminderOutcomeEvent {
  recommendationId: string;
  reminderId: string;
  kind: ReminderKind;
  outcome: 'sent' | 'skipped' | 'failed';
  detail: string | null;
  at: string;
}

/** What a batch of appended events asks the planner to do. */
export interface ReplanScope {
  /** recommendation id → the actions to replan, or 'all' when the event concerns the whole recommendation */
  recommendations: Map<string, Set<string> | 'all'>;
  /** A cycle changed: every active recommendation and the secretaries' summaries are replanned. */
  cycles: boolean;
  /** Reminder outcomes, to bring the reminders rows up to date in the same transaction. */
  outcomes: ReminderOutcomeEvent[];
}

/**
 * The recommendation events after which the plan can hold a reminder it did
 * not hold before: a new action, a new due date, a new owner or unit, a
 * recommendation accepted or reopened, a progress note retracted (the period
 * may be unreported again). The others (progress, completion,
 * cancellation, an assessment, a rejection) can only make planned reminders
 * obsolete, and an obsolete reminder is skipped, with its reason recorded,
 * when its job re-checks the state. Leaving them out keeps the most frequent
 * write, a progress report, free of planning work.
 */
export const PLANNING_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ActionAdded',
  'ActionRescheduled',
  'ActionAssigned',
  // A claim turns an action's overdue notices to the approvers; a claim sent back turns them to the owner again.
  'ActionCompletionClaimed',
  'ActionCompletionSentBack',
  'ActionProgressRetracted',
  'RecommendationDecided',
  'RecommendationReopened',
]);

/**
 * Which reminders a batch of events can have added. An event about one
 * action changes only that action's reminders, because each action is
 * planned on its own; a decision or reopening changes them all. Reminder
 * outcomes replan only after an overdue notice: that is what carries the
 * weekly chain one week further, and since a plan at the same instant always
 * yields the same ids, recording an outcome can never plan a reminder that
 * records another one at once.
 */
export function replanScope(events: AppendedEvent[]): ReplanScope {
  const scope: ReplanScope = { recommendations: new Map(), cycles: false, outcomes: [] };
  const touch = (recommendationId: string, actionId: string | null) => {
    const current = scope.recommendations.get(recommendationId);
    if (current === 'all') return;
    if (actionId === null) {
      scope.recommendations.set(recommendationId, 'all');
      return;
    }
    scope.recommendations.set(recommendationId, new Set([...(current ?? []), actionId]));
  };
  for (const event of events) {
    if (event.streamId.startsWith(CYCLE_STREAM_PREFIX)) {
      scope.cycles = true;
      continue;
    }
    if (!event.streamId.startsWith(RECOMMENDATION_STREAM_PREFIX)) continue;
    const recommendationId = event.streamId.slice(RECOMMENDATION_STREAM_PREFIX.length);
    if (event.type === 'ReminderRecorded') {
      scope.outcomes.push({
        recommendationId,
        reminderId: event.data.reminderId,
        kind: event.data.kind,
        outcome: event.data.outcome,
        detail: event.data.detail ?? null,
        at: event.occurredAt,
      });
      if (event.data.kind === 'action_overdue' && event.data.actionId) touch(recommendationId, event.data.actionId);
      continue;
    }
    if (!PLANNING_EVENT_TYPES.has(event.type)) continue;
    const actionId = typeof event.data?.actionId === 'string' ? event.data.actionId : null;
    touch(recommendationId, actionId);
  }
  return scope;
}

/** The recommendation with only the actions in scope, so the planner does no more work than the event asks for. */
export function narrowed(recommendation: RecommendationState, actions: Set<string> | 'all'): RecommendationState {
  if (actions === 'all') return recommendation;
  return { ...recommendation, actions: recommendation.actions.filter((a) => actions.has(a.id)) };
}
