import type { Sql } from '../../event-store/database';
import type { AppendSubscriber, StoredEvent } from '../../event-store/event-store';
import type { Clock } from '../../kernel/clock';
import { plannedMilestones, planReminders, planSecretarySummaries, progressCountsFrom, type Reminder } from '../domain/reminder-plan';
import { readActiveRecommendations, readCycles, readPeople, readRecommendations } from '../reminder-state';
import { finishReminder, insertPlanned } from '../reminder-table';
import { narrowed, replanScope } from './replan-scope';

/**
 * Plans reminders from events, inside the append's transaction: the reminders
 * and their outbox rows commit or roll back with the events that caused them,
 * so none is lost when Redis is down and none exists for a write that failed.
 * Subscribed as a reaction, which runs after the read models, so they already
 * hold the state the new events produced.
 */
export class ReminderPlanner implements AppendSubscriber {
  constructor(
    private readonly clock: Clock,
    /** Told when new reminders were stored, so the relay can pick them up soon after the commit. */
    private readonly onPlanned: () => void = () => undefined,
  ) {}

  async onAppended(tx: Sql, events: StoredEvent[]): Promise<void> {
    const scope = replanScope(events);
    for (const o of scope.outcomes) {
      await finishReminder(tx, o.reminderId, { status: o.outcome, detail: o.detail, at: o.at });
    }
    if (scope.recommendations.size === 0 && !scope.cycles) return;

    const now = this.clock.nowIso();
    const cycles = await readCycles(tx);
    const people = await readPeople(tx);
    const progressFrom = progressCountsFrom(plannedMilestones(cycles, now));
    const recommendations = scope.cycles
      ? await readActiveRecommendations(tx, progressFrom)
      : await readRecommendations(tx, [...scope.recommendations.keys()], progressFrom);
    const planned: Reminder[] = [];
    for (const recommendation of recommendations) {
      const actions = scope.cycles ? 'all' : (scope.recommendations.get(recommendation.id) ?? 'all');
      planned.push(...planReminders({ recommendation: narrowed(recommendation, actions), cycles, unitHeads: people.unitHeads, now }));
    }
    planned.push(...planSecretarySummaries({ recommendations, cycles, secretaries: people.secretaries, now }));
    if ((await insertPlanned(tx, planned, now)) > 0) this.onPlanned();
  }
}
