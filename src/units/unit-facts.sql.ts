import type { Sql } from '../event-store/sql';
import { UNFINISHED_ACTION_STATUSES } from '../kernel/status-words';
import { unitFactsNeeded, type UnitCommand, type UnitFacts, type UnitState } from './domain/unit';

/**
 * The unit's unfinished actions (a claimed completion too: it waits for the unit's head), with their recommendations' codes, read from the
 * recommendations' read model inside the write transaction: an action added to
 * the unit cannot slip in between this answer and the retirement.
 */
export async function readUnitFacts(tx: Sql, command: UnitCommand, state: UnitState | null): Promise<UnitFacts> {
  if (!unitFactsNeeded(command, state)) return {};
  const rows = await tx.query<{ code: string; title: string }>(
    `SELECT r.code, a.title FROM rm_actions a JOIN rm_recommendations r ON r.id = a.recommendation_id
     WHERE a.responsible_unit = ? AND a.status IN (${UNFINISHED_ACTION_STATUSES.map(() => '?').join(', ')})
     ORDER BY r.code_rank, r.code, a.ordinal`,
    [state!.id, ...UNFINISHED_ACTION_STATUSES],
  );
  return { openActions: rows.map((r) => ({ recommendationCode: r.code, title: r.title })) };
}
