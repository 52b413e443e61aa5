import type { Sql } from '../../event-store/sql';
import { invalid } from '../../kernel/domain-error';
import { cursorOfPlace, placeOfCursor } from '../../kernel/http/paging';
import { parseSortBy, sortText, type SortBy } from '../../kernel/sort';

/**
 * The list's orders and its filters by part of a name, for the columns
 * query (SQL) and the folded log (asOf, in memory) alike.
 *
 * Every column can be sorted on: `sort=title`, `sort=-dueDate`. Ties go in
 * the list's own order (review, then the code's rank), so the order is total
 * and a page's cursor, the last row's sort value with its review and rank,
 * says exactly where the next page starts however the rows change. Text is
 * compared by code point on both databases (PostgreSQL's `COLLATE "C"` is
 * SQLite's own), so a cursor means the same on either.
 */
export const SORT_KEYS = ['code', 'title', 'status', 'responsibleUnit', 'progressPercent', 'actionCount', 'openActionCount', 'overdueActionCount', 'dueDate', 'lastChangedAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export type Sort = SortBy<SortKey>;

/** A day as the columns hold it (none: empty), and an instant as the log writes it (toISOString). */
const DAY = /^(\d{4}-\d{2}-\d{2})?$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z)?$/;

/**
 * The column of the list's query (its output names) each key sorts by; `null`: the list's own order alone.
 * `shape`: what a text column holds, so a cursor with anything else is refused rather than answered from nowhere.
 */
const COLUMNS: Record<SortKey, { column: string | null; text: boolean; shape?: RegExp }> = {
  code: { column: null, text: false },
  title: { column: 'title', text: true },
  status: { column: 'status', text: true },
  responsibleUnit: { column: 'responsible_unit', text: true },
  progressPercent: { column: 'progress_percent', text: false },
  actionCount: { column: 'action_count', text: false },
  openActionCount: { column: 'open_action_count', text: false },
  overdueActionCount: { column: 'overdue_action_count', text: false },
  // The earliest due date of an open action; none sorts after every date.
  dueDate: { column: 'due_date', text: true, shape: DAY },
  lastChangedAt: { column: 'last_changed_at', text: true, shape: INSTANT },
};

/** What no open action has: after every date, so last in the ascending order; before every date in the descending one, so last there too. */
export const noDueDate = (sort: Sort | null): string => (sort?.descending ? '0000-01-01' : '9999-12-31');

export const parseSort = (text: string | undefined | null): Sort | null => parseSortBy(SORT_KEYS, text);

/** A row's place in a sorted list: its sort value (null for `code`), review and rank. */
export type SortPlace = [string | number | null, string, number];

const CURSOR = /^([-a-zA-Z]+)~([A-Za-z0-9_-]+)$/;

const isInteger32 = (value: unknown): boolean => Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647;

export const sortCursorOf = (sort: Sort, place: SortPlace): string => `${sortText(sort)}~${cursorOfPlace(place)}`;

export function sortPlaceOf(sort: Sort, after: string): SortPlace {
  const bad = (message: string) => invalid(`after "${after.slice(0, 50)}" ${message}`, [{ field: 'after', message: 'must be the X-Next-After of the previous page, with the same sort' }]);
  const m = CURSOR.exec(after);
  if (!m) throw bad('is not a cursor from X-Next-After');
  if (m[1] !== sortText(sort)) throw bad(`was made for sort=${m[1]}`);
  const place = placeOfCursor(m[2]);
  // The value as the column holds it: text (of the column's shape), or an integer PostgreSQL's INTEGER takes (a
  // cursor made up by hand with text for a number, or a number past that range, was a 500 there when bound to the
  // column's comparison; text with NUL in it placeOfCursor refuses, for the same reason).
  const { column, text, shape } = COLUMNS[sort.key];
  const ok =
    Array.isArray(place) &&
    place.length === 3 &&
    (column === null ? place[0] === null : text ? typeof place[0] === 'string' && (shape?.test(place[0]) ?? true) : isInteger32(place[0])) &&
    typeof place[1] === 'string' &&
    isInteger32(place[2]);
  if (!ok) throw bad('is not a cursor from X-Next-After');
  return place as SortPlace;
}

/** The value a row sorts by, from the list query's row (its output column names). */
export function sortValueOf(sort: Sort, row: Record<string, unknown>): string | number | null {
  const { column, text } = COLUMNS[sort.key];
  if (column === null) return null;
  const value = row[column];
  return text ? String(value ?? '') : Number(value);
}

/**
 * ORDER BY and the cursor's WHERE over the list query's output (as `s`).
 * PostgreSQL compares text as SQLite does only under `COLLATE "C"`.
 */
export function sortSql(sql: Sql, sort: Sort, place: SortPlace | null): { orderBy: string; where: string; params: unknown[] } {
  const { column, text } = COLUMNS[sort.key];
  const dir = sort.descending ? 'DESC' : 'ASC';
  const cmp = sort.descending ? '<' : '>';
  const value = column === null ? null : text && sql.dialect === 'postgres' ? `s.${column} COLLATE "C"` : `s.${column}`;
  // Ties in code order either way (API.md); sorted by code itself, descending reverses the code order.
  const tieDir = value ? 'ASC' : dir;
  const tieCmp = value ? '>' : cmp;
  const orderBy = [...(value ? [`${value} ${dir}`] : []), `s.review_id ${tieDir}`, `s.code_rank ${tieDir}`].join(', ');
  if (!place) return { orderBy, where: '', params: [] };
  const tie = `(s.review_id ${tieCmp} ? OR (s.review_id = ? AND s.code_rank ${tieCmp} ?))`;
  const tieParams = [place[1], place[1], place[2]];
  if (!value) return { orderBy, where: ` WHERE ${tie}`, params: tieParams };
  return { orderBy, where: ` WHERE (${value} ${cmp} ? OR (${value} = ? AND ${tie}))`, params: [place[0], place[0], ...tieParams] };
}

/** The same order in memory (asOf): by value, descending if asked, then review and rank in code order, as in SQL. */
export function compareSorted(sort: Sort, a: SortPlace, b: SortPlace): number {
  const by = (x: string | number | null, y: string | number | null) => (x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1);
  const value = by(a[0], b[0]);
  const codeOrder = by(a[1], b[1]) || a[2] - b[2];
  if (COLUMNS[sort.key].column === null) return sort.descending ? -codeOrder : codeOrder;
  return (sort.descending ? -value : value) || codeOrder;
}

/** Filters by part of a name, resolved to the ids they name. Undefined: no such filter. */
export interface NameMatches {
  units?: string[];
  reviews?: string[];
  owners?: string[];
}

/** Case-insensitive in Swedish (Å, Ä, Ö too, which SQLite's LOWER and LIKE leave alone): matched here, not in SQL. */
const fold = (s: string | null | undefined) => (s ?? '').toLocaleLowerCase('sv');
const contains = (part: string, ...texts: Array<string | null | undefined>) => texts.some((t) => fold(t).includes(fold(part)));

/**
 * The units, reviews and owners whose id, name or address contains what was
 * typed. Units, reviews and users are few (hundreds, a few thousand), so
 * they are read whole and matched in the language's own case folding.
 */
export async function matchNames(sql: Sql, filter: { unit?: string; review?: string; owner?: string }): Promise<NameMatches> {
  const matches: NameMatches = {};
  if (filter.unit) {
    const units = await sql.query<{ id: string; name: string | null; name_en: string | null }>(
      'SELECT id, name, name_en FROM units UNION SELECT DISTINCT responsible_unit, NULL, NULL FROM rm_recommendations',
    );
    matches.units = [...new Set(units.filter((u) => contains(filter.unit!, u.id, u.name, u.name_en)).map((u) => u.id))];
  }
  if (filter.review) {
    const reviews = await sql.query<{ id: string; title: string }>('SELECT id, title FROM rm_reviews');
    matches.reviews = reviews.filter((r) => contains(filter.review!, r.title)).map((r) => r.id);
  }
  if (filter.owner) {
    const users = await sql.query<{ email: string; name: string }>('SELECT email, name FROM users');
    const owners = new Set(users.filter((u) => contains(filter.owner!, u.email, u.name)).map((u) => u.email));
    // An owner who is not (or no longer) a user is still found by the address on the action.
    const onActions = await sql.query<{ owner_email: string }>('SELECT DISTINCT owner_email FROM rm_actions');
    for (const a of onActions) if (contains(filter.owner, a.owner_email)) owners.add(a.owner_email);
    matches.owners = [...owners];
  }
  return matches;
}

/** The WHERE terms (over rm_recommendations as `r`) the matched names give. */
export function nameTerms(m: NameMatches): { terms: string[]; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  const isIn = (expr: string, values: string[]) => {
    if (values.length === 0) terms.push('1 = 0');
    else {
      terms.push(`${expr} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
  };
  if (m.units) isIn('r.responsible_unit', m.units);
  if (m.reviews) isIn('r.review_id', m.reviews);
  if (m.owners) {
    if (m.owners.length === 0) terms.push('1 = 0');
    else {
      terms.push(`EXISTS (SELECT 1 FROM rm_actions oa WHERE oa.recommendation_id = r.id AND oa.owner_email IN (${m.owners.map(() => '?').join(', ')}))`);
      params.push(...m.owners);
    }
  }
  return { terms, params };
}

/** The same filters over a folded state (asOf). */
export const matchesNames = (m: NameMatches, s: { responsibleUnit: string; reviewId: string; actions: Array<{ ownerEmail: string }> }): boolean =>
  (!m.units || m.units.includes(s.responsibleUnit)) &&
  (!m.reviews || m.reviews.includes(s.reviewId)) &&
  (!m.owners || s.actions.some((a) => m.owners!.includes(a.ownerEmail)));
