import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dayOfAsOf } from '../../kernel/calendar';
import { Clock } from '../../kernel/clock';
import { invalid } from '../../kernel/domain-error';
import { Database } from '../../event-store/database';
import { KeptUntilMoved } from '../../projections/kept-until-moved';
import type { Sql } from '../../event-store/sql';
import { recommendationsProjection, whereOf } from '../recommendations.projection';
import { StateReader } from '../../projections/state-reader';
import { OPEN_ACTION_STATUSES, type RecommendationState, type RecommendationStatus } from '../domain/recommendation.state';
import { byCode, toSummary, type Page, type RecommendationSummary } from '../recommendation.views';
import { compareSorted, matchesNames, matchNames, nameTerms, noDueDate, parseSort, sortCursorOf, sortPlaceOf, sortSql, sortValueOf, type NameMatches, type Sort, type SortPlace } from './list-order';

export interface RecommendationFilter {
  reviewId?: string;
  status?: string;
  /** Part of a unit's id or name, in any case (list-order.ts). */
  unit?: string;
  /** Part of a review's title, in any case. */
  review?: string;
  /** Part of the name or address of an action's owner, in any case. */
  owner?: string;
  /** The order, as `sort=` gives it (list-order.ts): not a filter, but it goes wherever the filter goes, the kept pages' key too. */
  sort?: string;
}

/** A page of the list, with the open actions overdue under every summary the filter matches, not only this page's: the web list's badge. */
export interface SummaryPage extends Page<RecommendationSummary> {
  overdueTotal: number;
}

/** A page of the list: at most `limit` summaries after the cursor `after` (null: from the start). */
export interface PageRequest {
  limit: number;
  after: string | null;
}


export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/**
 * A place in the list's order (review, then the code's rank within it), as
 * the opaque cursor clients send back in `after`.
 */
interface Place {
  reviewId: string;
  rank: number;
}

const CURSOR = /^([0-9a-f-]{36})\.([1-9][0-9]{0,8})$/i;

/** Review ids in the order the database sorts them (UUIDs: the same under every collation), which the cursor relies on. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const cursorOf = (p: Place): string => `${p.reviewId}.${p.rank}`;

function placeOf(after: string): Place {
  const m = CURSOR.exec(after);
  // A cursor of a sorted page (list-order.ts) says which sort it was made for, as it does under another sort.
  const sorted = /^([-a-zA-Z]+)~/.exec(after);
  if (!m && sorted) throw invalid(`after "${after.slice(0, 50)}" was made for sort=${sorted[1]}`, [{ field: 'after', message: 'must be the X-Next-After of the previous page, with the same sort' }]);
  if (!m) throw invalid(`after "${after}" is not a cursor from X-Next-After`, [{ field: 'after', message: 'must be the X-Next-After of the previous page' }]);
  return { reviewId: m[1], rank: Number(m[2]) };
}

/** Every summary, in the list's order: what the web pages show. */
export class ListRecommendationsQuery extends Query<RecommendationSummary[]> {
  constructor(
    readonly filter: RecommendationFilter,
    readonly asOf: string | null,
  ) {
    super();
  }
}

/** One page of summaries with the total: what the API sends. */
export class ListRecommendationsPageQuery extends Query<SummaryPage> {
  constructor(
    readonly filter: RecommendationFilter,
    readonly asOf: string | null,
    readonly page: PageRequest,
  ) {
    super();
  }
}

interface ListRow {
  id: string;
  review_id: string;
  code: string;
  code_rank: number | string;
  title: string;
  status: string;
  responsible_unit: string;
  progress_percent: number | string;
  action_count: number | string;
  open_action_count: number | string;
  overdue_action_count: number | string;
  last_changed_at: string;
  version: number | string;
}

const toListSummary = (r: ListRow): RecommendationSummary => ({
  id: r.id,
  reviewId: r.review_id,
  code: r.code,
  title: r.title,
  status: r.status as RecommendationStatus,
  responsibleUnit: r.responsible_unit,
  progressPercent: Number(r.progress_percent),
  actionCount: Number(r.action_count),
  openActionCount: Number(r.open_action_count),
  overdueActionCount: Number(r.overdue_action_count),
  lastChangedAt: r.last_changed_at,
  version: Number(r.version),
});

/** A recommendation's open actions overdue before the day (its two parameters): counted only once its next due date has passed. */
const OVERDUE_COUNT = `CASE WHEN r.next_due_date < ? THEN (SELECT COUNT(*) FROM rm_actions a WHERE a.recommendation_id = r.id AND a.status IN ('planned', 'in_progress') AND a.due_date < ?) ELSE 0 END`;

/** The list's columns, with the open actions overdue before the day counted: the day is the first two parameters. */
const SUMMARY_COLUMNS = `r.id, r.review_id, r.code, r.code_rank, r.title, r.status, r.responsible_unit, r.progress_percent, r.action_count, r.open_action_count,
       ${OVERDUE_COUNT} AS overdue_action_count,
       r.last_changed_at, r.version`;

/** A page of the rows read (one more than the page, to know whether another follows), with the total of those matching and of their overdue actions. */
async function pageOfRows<R extends ListRow>(sql: Sql, rows: R[], base: { where: string; params: unknown[] }, today: string, page: PageRequest | null, cursorOfLast: (last: R) => string): Promise<SummaryPage> {
  const items = page ? rows.slice(0, page.limit) : rows;
  const more = page !== null && rows.length > page.limit;
  const [all] = page
    ? await sql.query<{ n: number | string; overdue: number | string | null }>(`SELECT COUNT(*) AS n, SUM(${OVERDUE_COUNT}) AS overdue FROM rm_recommendations r${base.where}`, [today, today, ...base.params])
    : [{ n: rows.length, overdue: rows.reduce((sum, r) => sum + Number(r.overdue_action_count), 0) }];
  return { items: items.map(toListSummary), total: Number(all.n), overdueTotal: Number(all.overdue ?? 0), nextAfter: more ? cursorOfLast(items[items.length - 1]) : null };
}

/**
 * The summaries now, from their columns only. Overdue is counted in the query
 * for the day given (Stockholm's today): only a recommendation whose next due
 * date has passed has its open actions counted.
 */
export async function readSummaryPage(sql: Sql, filter: RecommendationFilter, today: string, page: PageRequest | null, matched?: NameMatches): Promise<SummaryPage> {
  const exact = whereOf({ review_id: filter.reviewId, status: filter.status });
  const names = nameTerms(matched ?? (await matchNames(sql, filter)));
  const base = names.terms.length
    ? { where: `${exact.where ? `${exact.where} AND` : ' WHERE'} ${names.terms.join(' AND ')}`, params: [...exact.params, ...names.params] }
    : exact;
  const sort = parseSort(filter.sort);
  if (sort) return readSortedPage(sql, base, sort, today, page);
  const place = page?.after ? placeOf(page.after) : null;
  const where = place ? `${base.where ? `${base.where} AND` : ' WHERE'} (r.review_id > ? OR (r.review_id = ? AND r.code_rank > ?))` : base.where;
  const params = place ? [...base.params, place.reviewId, place.reviewId, place.rank] : base.params;
  const rows = await sql.query<ListRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM rm_recommendations r${where} ORDER BY r.review_id, r.code_rank${page ? ' LIMIT ?' : ''}`,
    [today, today, ...params, ...(page ? [page.limit + 1] : [])],
  );
  return pageOfRows(sql, rows, base, today, page, (last) => cursorOf({ reviewId: last.review_id, rank: Number(last.code_rank) }));
}

/**
 * A page in another order than the list's own (`sort=`, list-order.ts): the
 * list's query as `s`, ordered by the column with the list's order breaking
 * ties, and paged after the last row's value.
 */
async function readSortedPage(sql: Sql, base: { where: string; params: unknown[] }, sort: Sort, today: string, page: PageRequest | null): Promise<SummaryPage> {
  const order = sortSql(sql, sort, page?.after ? sortPlaceOf(sort, page.after) : null);
  const rows = await sql.query<ListRow & { due_date: string }>(
    `SELECT * FROM (SELECT ${SUMMARY_COLUMNS}, COALESCE(r.next_due_date, ?) AS due_date
     FROM rm_recommendations r${base.where}) s${order.where} ORDER BY ${order.orderBy}${page ? ' LIMIT ?' : ''}`,
    [today, today, noDueDate(sort), ...base.params, ...order.params, ...(page ? [page.limit + 1] : [])],
  );
  return pageOfRows(sql, rows, base, today, page, (last) => sortCursorOf(sort, [sortValueOf(sort, last as unknown as Record<string, unknown>), last.review_id, Number(last.code_rank)]));
}

/** A folded state's summary as the list query's row names its columns: what a sort reads its value from. */
const asListRow = (s: RecommendationState, summary: RecommendationSummary, sort: Sort): Record<string, unknown> => ({
  title: summary.title,
  status: summary.status,
  responsible_unit: summary.responsibleUnit,
  progress_percent: summary.progressPercent,
  action_count: summary.actionCount,
  open_action_count: summary.openActionCount,
  overdue_action_count: summary.overdueActionCount,
  due_date: s.actions.filter((a) => OPEN_ACTION_STATUSES.includes(a.status)).map((a) => a.dueDate).sort()[0] ?? noDueDate(sort),
  last_changed_at: summary.lastChangedAt,
});

/**
 * The summaries as they stood at a past instant, folded from the log, in the
 * same order and paged by the same cursor: a code's rank is its place among
 * the codes its review had then.
 */
export function summaryPageAsOf(states: RecommendationState[], filter: RecommendationFilter, day: string, page: PageRequest | null, names: NameMatches = {}): SummaryPage {
  const rank = new Map<string, number>();
  const byReview = new Map<string, RecommendationState[]>();
  for (const s of states) {
    const siblings = byReview.get(s.reviewId);
    if (siblings) siblings.push(s);
    else byReview.set(s.reviewId, [s]);
  }
  for (const siblings of byReview.values()) [...siblings].sort(byCode).forEach((s, i) => rank.set(s.id, i + 1));
  const placeOfState = (s: RecommendationState): Place => ({ reviewId: s.reviewId, rank: rank.get(s.id)! });
  const matching = states
    .filter(
      (s) =>
        (!filter.reviewId || s.reviewId === filter.reviewId) &&
        (!filter.status || s.status === filter.status) &&
        matchesNames(names, s),
    )
    .sort((a, b) => compareIds(a.reviewId, b.reviewId) || rank.get(a.id)! - rank.get(b.id)!);
  const sort = parseSort(filter.sort);
  if (sort) {
    const placed = matching.map((s) => {
      const summary = toSummary(s, day);
      return { summary, place: [sortValueOf(sort, asListRow(s, summary, sort)), s.reviewId, rank.get(s.id)!] as SortPlace };
    });
    placed.sort((a, b) => compareSorted(sort, a.place, b.place));
    const from = page?.after ? sortPlaceOf(sort, page.after) : null;
    const rest = from ? placed.filter((p) => compareSorted(sort, p.place, from) > 0) : placed;
    const shown = page ? rest.slice(0, page.limit) : rest;
    const more = page !== null && rest.length > page.limit;
    const overdueTotal = placed.reduce((sum, p) => sum + p.summary.overdueActionCount, 0);
    return { items: shown.map((p) => p.summary), total: placed.length, overdueTotal, nextAfter: more ? sortCursorOf(sort, shown[shown.length - 1].place) : null };
  }
  const from = page?.after ? placeOf(page.after) : null;
  const after = from ? matching.filter((s) => s.reviewId > from.reviewId || (s.reviewId === from.reviewId && rank.get(s.id)! > from.rank)) : matching;
  const items = page ? after.slice(0, page.limit) : after;
  const more = page !== null && after.length > page.limit;
  const summaries = new Map(matching.map((s) => [s, toSummary(s, day)]));
  return {
    items: items.map((s) => summaries.get(s)!),
    total: matching.length,
    overdueTotal: [...summaries.values()].reduce((sum, summary) => sum + summary.overdueActionCount, 0),
    nextAfter: more ? cursorOf(placeOfState(items[items.length - 1])) : null,
  };
}

/** Pages kept per handler: a page of the API is at most MAX_PAGE_SIZE summaries, a web list every one. */
const KEPT_PAGES = 16;

/**
 * The list's pages come from one place for both queries: the columns now, the
 * folded log as of a past instant.
 *
 * A page now is kept until the read model moves (KeptUntilMoved): one
 * primary-key read instead of the page's query, its overdue counts and its
 * total: the list is what everyone opens, and it changes far less often.
 */
abstract class SummaryLister {
  private readonly pages = new KeptUntilMoved<SummaryPage>(recommendationsProjection, KEPT_PAGES);

  constructor(
    private readonly db: Database,
    private readonly reader: StateReader,
    private readonly clock: Clock,
  ) {}

  protected async list(filter: RecommendationFilter, asOf: string | null, page: PageRequest | null): Promise<SummaryPage> {
    if (!asOf) return this.db.read((sql) => this.readNow(sql, filter, this.clock.today(), page));
    // As of an instant after which nothing changed, the rows are what a fold to then would give: read as now, overdue
    // counted on that day, in the read that found nothing later (a write between the two would be in the rows).
    const now = await this.db.read(async (sql) =>
      (await this.reader.changedAfter(sql, recommendationsProjection, asOf)) ? null : this.readNow(sql, filter, dayOfAsOf(asOf), page),
    );
    if (now) return now;
    // Names are matched as they are now: a unit or a user renamed since is found by its name today.
    const names = await this.db.read((sql) => matchNames(sql, filter));
    return summaryPageAsOf(await this.reader.asOf<RecommendationState>(recommendationsProjection, asOf), filter, dayOfAsOf(asOf), page, names);
  }

  /** The page from the rows, overdue counted on `today`; kept until the read model moves. */
  private async readNow(sql: Sql, filter: RecommendationFilter, today: string, page: PageRequest | null): Promise<SummaryPage> {
    // A unit, review or user renamed does not move the recommendations' checkpoint: the ids a part of a name matches are part of the key.
    const names = filter.unit || filter.review || filter.owner ? await matchNames(sql, filter) : {};
    // Today is part of the key: overdue is counted against it.
    const key = JSON.stringify([today, filter.reviewId ?? null, filter.status ?? null, names, filter.sort ?? null, page?.limit ?? null, page?.after ?? null]);
    return this.pages.get(sql, key, () => readSummaryPage(sql, filter, today, page, names));
  }
}

@QueryHandler(ListRecommendationsQuery)
export class ListRecommendationsHandler extends SummaryLister implements IQueryHandler<ListRecommendationsQuery> {
  constructor(db: Database, reader: StateReader, clock: Clock) {
    super(db, reader, clock);
  }

  async execute({ filter, asOf }: ListRecommendationsQuery): Promise<RecommendationSummary[]> {
    return (await this.list(filter, asOf, null)).items;
  }
}

@QueryHandler(ListRecommendationsPageQuery)
export class ListRecommendationsPageHandler extends SummaryLister implements IQueryHandler<ListRecommendationsPageQuery> {
  constructor(db: Database, reader: StateReader, clock: Clock) {
    super(db, reader, clock);
  }

  execute({ filter, asOf, page }: ListRecommendationsPageQuery): Promise<SummaryPage> {
    return this.list(filter, asOf, page);
  }
}
