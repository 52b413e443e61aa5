import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { parseAsOf } from '../../kernel/as-of';
import { DomainError } from '../../kernel/domain-error';
import { routes } from '../../kernel/paths';
import { optional, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../domain/recommendation.state';
import { pageSortBy, sortHeadersFor } from '../../kernel/sort';
import { SORT_KEYS, type SortKey } from './list-order';
import { DEFAULT_PAGE_SIZE, ListRecommendationsPageQuery } from './list-recommendations.query';
import { ReviewTitles } from '../review-titles';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The list page's filters as typed in the address: a filter that makes no
 * sense is left out rather than refused (the API refuses it), and a bad
 * asOf date is shown as a message on the page.
 */
function listFilter(q: Form) {
  return {
    reviewId: q.reviewId && UUID.test(q.reviewId) ? q.reviewId : undefined,
    status: q.status && RECOMMENDATION_STATUSES.includes(q.status as RecommendationStatus) ? q.status : undefined,
    unit: optional(q.unit),
    review: optional(q.review),
    owner: optional(q.owner),
    sort: pageSortBy(SORT_KEYS, q.sort) ? q.sort : undefined,
  };
}

/** The table's columns, each with the key it sorts by. */
const SORTABLE: Array<{ column: string; key: SortKey }> = [
  { column: 'code', key: 'code' },
  { column: 'recommendation', key: 'title' },
  { column: 'status', key: 'status' },
  { column: 'progress', key: 'progressPercent' },
  { column: 'actions', key: 'openActionCount' },
  { column: 'overdue', key: 'overdueActionCount' },
  { column: 'lastChanged', key: 'lastChangedAt' },
];

/** The list's address with these parameters, the empty ones left out. */
function listHref(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return query ? `${routes.recommendations}?${query}` : routes.recommendations;
}

/**
 * Each column header's link and state: the link keeps the filters and sorts
 * by the column, the other way round when it already does; `aria-sort`
 * says how the list is sorted now (by code when nothing is said).
 */
function sortHeaders(filter: Record<string, string | undefined>) {
  const current = pageSortBy(SORT_KEYS, filter.sort) ?? { key: 'code', descending: false };
  const columnOf = new Map(SORTABLE.map(({ column, key }) => [key, column]));
  return sortHeadersFor(
    SORTABLE.map(({ key }) => key),
    current,
    (next) => listHref({ ...filter, sort: next }),
    (key) => columnOf.get(key)!,
  );
}

/**
 * The recommendations, filtered by review, status, unit and owner, now or as
 * things stood on a day, a hundred at a time: the next page's link carries the
 * filter, the order and the cursor (`efter`) of the last row shown. The badge
 * counts the overdue actions under every recommendation the filter matches.
 */
@WebController()
export class ListRecommendationsWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
    private readonly reviewTitles: ReviewTitles,
  ) {}

  @Get(routes.recommendations)
  async list(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form): Promise<void> {
    const { t, units: unitNames } = req.web!;
    const filter = listFilter(q);
    let asOf: string | null = null;
    let asOfError: string | null = null;
    try {
      asOf = parseAsOf(optional(q.asOf));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      asOfError = t.errors.date;
    }
    const after = optional(q.efter) ?? null;
    const [page, reviews] = await Promise.all([
      this.queries.execute(new ListRecommendationsPageQuery(filter, asOf, { limit: DEFAULT_PAGE_SIZE, after })),
      this.reviewTitles.list(),
    ]);
    // The units the filter suggests: every unit there is, by name (reading every recommendation for theirs cost a second whole list).
    const units = Object.keys(unitNames).sort((a, b) => unitNames[a].localeCompare(unitNames[b], 'sv'));
    const asOfDay = asOf ? asOf.slice(0, 10) : undefined;
    // The links keep the instant as it was given (a day, or a moment in it): another page of the same list, the same order another way.
    const asOfGiven = asOf ? optional(q.asOf) : undefined;
    const next = page.nextAfter === null ? null : listHref({ ...filter, asOf: asOfGiven, efter: page.nextAfter });
    const first = after === null ? null : listHref({ ...filter, asOf: asOfGiven });
    this.pages.render(req, res, 'recommendations/list-recommendations/recommendations.eta', t.list.title, {
      recommendations: page.items,
      total: page.total,
      next,
      first,
      reviews,
      reviewTitles: Object.fromEntries(reviews.map((r) => [r.id, r.title])),
      units,
      statuses: RECOMMENDATION_STATUSES,
      filter: { ...filter, asOf: asOf ? asOf.slice(0, 10) : (q.asOf ?? '') },
      sortHeaders: sortHeaders({ ...filter, asOf: asOfGiven }),
      asOfDay: asOfDay ?? null,
      asOfError,
      overdueTotal: page.overdueTotal,
    });
  }
}
