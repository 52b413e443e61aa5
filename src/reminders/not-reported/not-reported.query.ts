import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CycleState, Milestone } from '../../cycles/domain/cycle';
import { Clock } from '../../kernel/clock';
import { cyclesProjection } from '../../cycles/cycles.projection';
import { Database } from '../../event-store/database';
import { StateReader } from '../../projections/state-reader';
import { readStatesWithFirstUpdateSince } from '../../recommendations/recommendations.projection';
import { ACTIVE_STATUSES, CHASED_ACTION_STATUSES, periodStartsAt, summarizeMilestone, type MilestoneSummary } from '../domain/reminder-plan';
import { stockholmDate } from '../../kernel/calendar';
import type { RecommendationState } from '../../recommendations/domain/recommendation.state';

export interface MilestoneFollowUp extends MilestoneSummary {
  cycleId: string;
  cycleName: string;
  milestone: Milestone;
}

/** The first milestone of each cycle whose report is not yet due, Stockholm time: the one people are reporting towards. */
function nextMilestones(cycles: CycleState[], now: string): { cycle: CycleState; milestone: Milestone }[] {
  const today = stockholmDate(now);
  return cycles.flatMap((cycle) => {
    const milestone = [...cycle.milestones].sort((a, b) => a.dueDate.localeCompare(b.dueDate)).find((m) => m.dueDate >= today);
    return milestone ? [{ cycle, milestone }] : [];
  });
}

/**
 * Who has not reported before the next milestone. The rule is the reminder
 * planner's own (summarizeMilestone, which also writes the secretary's
 * summary mail), so the page and the mail always agree.
 */
export class NotReportedQuery extends Query<MilestoneFollowUp[]> {}

@QueryHandler(NotReportedQuery)
export class NotReportedHandler implements IQueryHandler<NotReportedQuery> {
  constructor(
    private readonly reader: StateReader,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Per milestone, the active recommendations with their actions, and only
   * each chased action's first progress update since the period started:
   * whether there is one before now is all the rule asks, and a busy
   * recommendation has thousands of notes. Assessed recommendations and
   * finished actions, most of a long log, are not read (summarizeMilestone
   * would leave them out); the tables are in the rule's order, by code.
   */
  async execute(): Promise<MilestoneFollowUp[]> {
    const now = this.clock.nowIso();
    const next = nextMilestones(await this.reader.current<CycleState>(cyclesProjection), now);
    const followUps: MilestoneFollowUp[] = [];
    for (const { cycle, milestone } of next) {
      const from = periodStartsAt(milestone);
      const recommendations = await this.db.read(async (sql) => {
        const active: RecommendationState[] = [];
        for (const status of ACTIVE_STATUSES) active.push(...(await readStatesWithFirstUpdateSince(sql, { status }, from, CHASED_ACTION_STATUSES)));
        return active;
      });
      followUps.push({ cycleId: cycle.id, cycleName: cycle.name, milestone, ...summarizeMilestone(recommendations, milestone, now) });
    }
    return followUps;
  }
}
