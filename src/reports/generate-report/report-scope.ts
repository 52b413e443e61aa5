import type { CycleState, Milestone } from '../../cycles/domain/cycle';
import { cyclesProjection } from '../../cycles/cycles.projection';
import type { Sql } from '../../event-store/database';
import { invalid } from '../../kernel/domain-error';
import type { StateReader } from '../../projections/state-reader';
import type { ReviewState } from '../../reviews/domain/review';
import { reviewsProjection } from '../../reviews/reviews.projection';
import type { ReportAnchor, ReportLanguage } from '../domain/report-model';
import type { ReportFormat } from '../render/render-report';

export interface ReportRequest {
  cycleId: string;
  milestoneKey: string;
  reviewId: string | null;
  asOf: string | null;
  language: ReportLanguage;
  format: ReportFormat;
}

/**
 * What a report covers, settled before any of the expensive work: the
 * milestone, the instant, where its changes start, the review. Cheap to read
 * (a cycle, the reviews), so a request that names something that does not
 * exist is refused at once, job or not; plain data, so it can be handed to
 * the worker thread that does the rest.
 */
export interface ReportScope {
  request: ReportRequest;
  cycle: CycleState;
  milestone: Milestone;
  previousMilestone: Milestone | null;
  asOf: string;
  /** Changes are reported after this instant: the previous milestone's period end, or the start of this one's. */
  changesFrom: string;
  review: ReviewState | null;
  /** The signed anchor at the last position the report includes, named at its end; null when the log was empty then. */
  anchor: ReportAnchor | null;
}

const endOfDay = (date: string) => `${date}T23:59:59.999Z`;
const startOfDay = (date: string) => `${date}T00:00:00.000Z`;

/** The milestone reported on just before this one: the latest period that ended earlier. */
function previousMilestone(cycle: CycleState, milestone: Milestone): Milestone | null {
  return (
    cycle.milestones
      .filter((m) => m.periodEnd < milestone.periodEnd)
      .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd))
      .pop() ?? null
  );
}

/**
 * `now` bounds the as-of instant: by default the period end, or now if that is still to come; one asked for
 * in the future (a date means the end of that day) is now too. Facts as of an instant still to come would
 * change as they came, and a report is the same each time it is made again from its request.
 */
export async function readReportScope(sql: Sql, reader: StateReader, request: ReportRequest, now: string): Promise<ReportScope> {
  const current = (await reader.currentIn<CycleState>(sql, cyclesProjection, { id: request.cycleId }))[0];
  if (!current) throw invalid(`Planning cycle ${request.cycleId} does not exist`, [{ field: 'cycleId', message: 'no planning cycle with this id' }]);
  const named = current.milestones.find((m) => m.key === request.milestoneKey);
  if (!named) {
    throw invalid(`Milestone ${request.milestoneKey} is not in ${current.name}`, [
      { field: 'milestoneKey', message: `must be one of ${current.milestones.map((m) => m.key).join(', ')}` },
    ]);
  }
  const asked = request.asOf ?? endOfDay(named.periodEnd);
  const asOf = Date.parse(asked) < Date.parse(now) ? asked : now;
  // The cycle as it stood then (or, planned later, as it first stood with this milestone): a name changed since changes no report.
  const cycle = (await cycleAsOf(sql, reader, request.cycleId, request.milestoneKey, asOf)) ?? current;
  const milestone = cycle.milestones.find((m) => m.key === request.milestoneKey)!;
  const previous = previousMilestone(cycle, milestone);
  const changesFrom = previous ? endOfDay(previous.periodEnd) : startOfDay(milestone.periodStart);

  const reviews = await reader.asOf<ReviewState>(reviewsProjection, asOf, undefined, sql);
  let review: ReviewState | null = null;
  if (request.reviewId) {
    review = reviews.find((r) => r.id === request.reviewId) ?? null;
    if (!review) throw invalid(`Review ${request.reviewId} did not exist at ${asOf}`, [{ field: 'reviewId', message: 'no review with this id at asOf' }]);
  } else if (reviews.length === 1) {
    review = reviews[0];
  }
  return { request, cycle, milestone, previousMilestone: previous, asOf, changesFrom, review, anchor: null };
}

/** The cycle as of `asOf` if the milestone was in it then, else its first state with the milestone; null if no state had it. */
async function cycleAsOf(sql: Sql, reader: StateReader, cycleId: string, milestoneKey: string, asOf: string): Promise<CycleState | null> {
  const has = (c: CycleState | undefined) => c?.milestones.some((m) => m.key === milestoneKey) ?? false;
  const [then] = await reader.asOf<CycleState>(cyclesProjection, asOf, cycleId, sql);
  if (has(then)) return then;
  // Its first state with the milestone: the states after `asOf`, one event at a time, until one has it.
  for (const state of await reader.statesAfter<CycleState>(sql, cyclesProjection, cycleId, then ?? null)) if (has(state)) return state;
  return null;
}

/** The last position a report as of `asOf` includes (gatherReportInput reads the same). */
export async function positionAsOf(sql: Sql, asOf: string): Promise<number> {
  const [head] = await sql.query<{ p: number | string | null }>('SELECT MAX(position) AS p FROM events WHERE occurred_at <= ?', [asOf]);
  return Number(head?.p ?? 0);
}

/**
 * How long the log is: an upper bound of what a report reads, found with one
 * lookup of the primary key, used to decide whether a request is answered at
 * once or as a job.
 */
export async function logLength(sql: Sql): Promise<number> {
  const [head] = await sql.query<{ p: number | string | null }>('SELECT MAX(position) AS p FROM events');
  return Number(head?.p ?? 0);
}
