import type { CycleState } from '../cycles/domain/cycle';
import type { Sql } from '../event-store/database';
import type { Where } from '../projections/projection';
import type { RecommendationState } from '../recommendations/domain/recommendation.state';
import { readStatesWithoutUpdates, readStatesWithUpdatesSince } from '../recommendations/recommendations.projection';
import { normalEmail } from '../kernel/email-address';

/**
 * The current state reminders are planned and checked against, read from the
 * read models and the users table inside the caller's transaction (never
 * through `Database.query`, which on SQLite would wait for the very lock the
 * caller holds).
 */

const parse = <S>(rows: Array<{ state: string }>): S[] => rows.map((r) => JSON.parse(r.state) as S);

/**
 * Recommendations with their actions and only the progress updates reported
 * from the day `progressFrom` on (none when it is null): the reminders' rules
 * look at progress within a milestone's period only (see progressCountsFrom),
 * and a busy recommendation has thousands of older notes.
 */
const readWith = (tx: Sql, where: Where, progressFrom: string | null): Promise<RecommendationState[]> =>
  progressFrom === null ? readStatesWithoutUpdates(tx, where) : readStatesWithUpdatesSince(tx, where, progressFrom);

export async function readRecommendations(tx: Sql, ids: string[], progressFrom: string | null): Promise<RecommendationState[]> {
  const states: RecommendationState[] = [];
  for (const id of ids) states.push(...(await readWith(tx, { id }, progressFrom)));
  return states;
}

/** Only accepted and in-progress recommendations have actions to chase. */
export async function readActiveRecommendations(tx: Sql, progressFrom: string | null): Promise<RecommendationState[]> {
  return [...(await readWith(tx, { status: 'accepted' }, progressFrom)), ...(await readWith(tx, { status: 'in_progress' }, progressFrom))];
}

export async function readCycles(tx: Sql): Promise<CycleState[]> {
  return parse(await tx.query<{ state: string }>('SELECT state FROM rm_cycles ORDER BY year, id'));
}

export interface People {
  /** unit → the email addresses of its heads */
  unitHeads: Record<string, string[]>;
  secretaries: string[];
}

export async function readPeople(tx: Sql): Promise<People> {
  const rows = await tx.query<{ email: string; role: string; unit: string | null }>(
    "SELECT email, role, unit FROM users WHERE role IN ('unit_head', 'secretary') ORDER BY email",
  );
  const people: People = { unitHeads: {}, secretaries: [] };
  for (const row of rows) {
    if (row.role === 'secretary') people.secretaries.push(row.email);
    else if (row.unit) (people.unitHeads[row.unit] ??= []).push(row.email);
  }
  return people;
}

/** The recipient's language setting, null for an address that is not a user. */
export async function readLanguage(tx: Sql, email: string): Promise<string | null> {
  const [row] = await tx.query<{ language: string }>('SELECT language FROM users WHERE email = ?', [normalEmail(email)]);
  return row?.language ?? null;
}
