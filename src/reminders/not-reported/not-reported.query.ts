import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CycleState, Milestone } from '../../cycles/domain/cycle';
import { Clock } from '../../kernel/clock';
import { cyclesProjection } from '../../cycles/cycles.projection';
import { recommendationsProjection } from '../../recommendations/recommendations.projection';
import { StateReader } from '../../projections/state-reader';
import type { RecommendationState } from '../../recommendations/domain/recommendation.state';
import { summarizeMilestone, type MilestoneSummary } from '../domain/reminder-plan';
import { stockholmDate } from '../../kernel/calendar';

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
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<MilestoneFollowUp[]> {
    const [cycles, recommendations] = await Promise.all([
      this.reader.current<CycleState>(cyclesProjection),
      this.reader.current<RecommendationState>(recommendationsProjection),
    ]);
    const now = this.clock.nowIso();
    return nextMilestones(cycles, now).map(({ cycle, milestone }) => ({
      cycleId: cycle.id,
      cycleName: cycle.name,
      milestone,
      ...summarizeMilestone(recommendations, milestone, now),
    }));
  }
}
