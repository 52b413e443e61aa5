import type { CycleState } from '../cycles/domain/cycle';
import type { Sql } from '../event-store/database';
import type { RecommendationState } from '../recommendations/domain/recommendation.state';
import { recommendationsProjection } from '../recommendations/recommendations.projection';

/**
 * The current state reminders are planned and checked against, read from the
 * read models and the users table inside the caller's transaction (never
 * through `Database.query`, which on SQLite would wait for the very lock the
 * caller holds).
 */

const parse = <S>(rows: Array<{ state: string }>): S[] => rows.map((r) => JSON.parse(r.state) as S);

export async function readRecommendations(tx: Sql, ids: string[]): Promise<RecommendationState[]> {
  const states: RecommendationState[] = [];
  for (const id of ids) states.push(...(await recommendationsProjection.read(tx, { id })));
  return states;
}

/** Only accepted and in-progress recommendations have actions to chase. */
export async function readActiveRecommendations(tx: Sql): Promise<RecommendationState[]> {
  return [...(await recommendationsProjection.read(tx, { status: 'accepted' })), ...(await recommendationsProjection.read(tx, { status: 'in_progress' }))];
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
  const [row] = await tx.query<{ language: string }>('SELECT language FROM users WHERE email = ?', [email.trim().toLowerCase()]);
  return row?.language ?? null;
}
