import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Clock } from '../../kernel/clock';
import { Database } from '../../event-store/database';
import type { Sql } from '../../event-store/sql';
import type { CycleState, Milestone } from '../../cycles/domain/cycle';
import { OPEN_ACTION_STATUSES, RECOMMENDATION_STATUSES, type RecommendationStatus } from '../../recommendations/domain/recommendation.state';
import { DUE_SOON_PROGRESS, dueSoonUntil, lightOf, type LightFacts } from '../domain/report-model';
import type { TrafficLight } from '../domain/report-labels';

/** The figures the overview page draws, each counted in the read model's tables. */
export interface Overview {
  today: string;
  byStatus: Array<{ status: RecommendationStatus; count: number }>;
  byLight: Array<{ light: TrafficLight; count: number }>;
  /** The milestones of the cycle under way (or the latest one begun), with the actions due in each period. */
  cycle: { name: string; year: number } | null;
  milestones: Array<{ milestone: Milestone; completed: number; open: number; overdue: number }>;
  overdueByUnit: Array<{ unit: string; count: number }>;
}

export class OverviewQuery extends Query<Overview> {}

const OPEN = OPEN_ACTION_STATUSES.map((s) => `'${s}'`).join(', ');
const n = (v: number | string | null | undefined) => Number(v ?? 0);

@QueryHandler(OverviewQuery)
export class OverviewHandler implements IQueryHandler<OverviewQuery> {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<Overview> {
    const today = this.clock.today();
    return this.db.read((sql) => readOverview(sql, today));
  }
}

export async function readOverview(sql: Sql, today: string): Promise<Overview> {
  const statusRows = await sql.query<{ status: string; n: number | string }>('SELECT status, COUNT(*) AS n FROM rm_recommendations GROUP BY status');
  const counts = new Map(statusRows.map((r) => [r.status, n(r.n)]));
  const byStatus = RECOMMENDATION_STATUSES.filter((s) => counts.has(s)).map((status) => ({ status, count: counts.get(status)! }));

  // The light depends on the counts only through whether each is zero, so the recommendations are counted per kind: a few rows, whatever their number.
  const lightRows = await sql.query<{ status: string; overdue: number | string; active: number | string; due_soon: number | string; n: number | string }>(
    `SELECT f.status, f.overdue, f.active, f.due_soon, COUNT(*) AS n FROM (
       SELECT r.id, r.status,
         SUM(CASE WHEN a.status IN (${OPEN}) AND a.due_date < ? THEN 1 ELSE 0 END) AS overdue,
         SUM(CASE WHEN a.status IS NOT NULL AND a.status <> 'cancelled' THEN 1 ELSE 0 END) AS active,
         SUM(CASE WHEN a.status IN (${OPEN}) AND a.due_date <= ? AND a.progress_percent < ? THEN 1 ELSE 0 END) AS due_soon
       FROM rm_recommendations r LEFT JOIN rm_actions a ON a.recommendation_id = r.id
       GROUP BY r.id, r.status
     ) f GROUP BY f.status, f.overdue, f.active, f.due_soon`,
    [today, dueSoonUntil(today), DUE_SOON_PROGRESS],
  );
  const lights = new Map<TrafficLight, number>();
  for (const row of lightRows) {
    const facts: LightFacts = { status: row.status as RecommendationStatus, overdueActions: n(row.overdue), activeActions: n(row.active), dueSoonActions: n(row.due_soon) };
    const { light } = lightOf(facts);
    lights.set(light, (lights.get(light) ?? 0) + n(row.n));
  }
  const byLight = (['red', 'yellow', 'green'] as const).filter((l) => lights.has(l)).map((light) => ({ light, count: lights.get(light)! }));

  const cycle = currentCycle((await sql.query<{ state: string }>('SELECT state FROM rm_cycles')).map((r) => JSON.parse(r.state) as CycleState), today);
  const milestones: Overview['milestones'] = [];
  for (const milestone of cycle?.milestones ?? []) {
    const [row] = await sql.query<{ completed: number | string | null; open: number | string | null; overdue: number | string | null }>(
      `SELECT SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
         SUM(CASE WHEN status <> 'completed' AND NOT (status IN (${OPEN}) AND due_date < ?) THEN 1 ELSE 0 END) AS open,
         SUM(CASE WHEN status IN (${OPEN}) AND due_date < ? THEN 1 ELSE 0 END) AS overdue
       FROM rm_actions WHERE status <> 'cancelled' AND due_date >= ? AND due_date <= ?`,
      [today, today, milestone.periodStart, milestone.periodEnd],
    );
    milestones.push({ milestone, completed: n(row?.completed), open: n(row?.open), overdue: n(row?.overdue) });
  }

  const unitRows = await sql.query<{ unit: string; n: number | string }>(
    `SELECT responsible_unit AS unit, COUNT(*) AS n FROM rm_actions WHERE status IN (${OPEN}) AND due_date < ? GROUP BY responsible_unit`,
    [today],
  );
  const overdueByUnit = unitRows.map((r) => ({ unit: r.unit, count: n(r.n) })).sort((a, b) => b.count - a.count || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));

  return { today, byStatus, byLight, cycle: cycle ? { name: cycle.name, year: cycle.year } : null, milestones, overdueByUnit };
}

/** The cycle whose milestones span today; else the latest one begun; else the first to come. */
function currentCycle(cycles: CycleState[], today: string): CycleState | null {
  const span = (c: CycleState) => ({
    start: c.milestones.reduce((m, x) => (x.periodStart < m ? x.periodStart : m), '9999-12-31'),
    end: c.milestones.reduce((m, x) => (x.periodEnd > m ? x.periodEnd : m), '0000-01-01'),
  });
  const withSpan = cycles.filter((c) => c.milestones.length > 0).map((c) => ({ c, ...span(c) })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return (
    withSpan.find((x) => x.start <= today && today <= x.end)?.c ??
    [...withSpan].reverse().find((x) => x.start <= today)?.c ??
    withSpan[0]?.c ??
    null
  );
}
