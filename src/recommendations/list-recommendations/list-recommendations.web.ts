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
import { ListRecommendationsQuery } from './list-recommendations.query';
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
    (next) => `${routes.recommendations}?${new URLSearchParams(Object.entries({ ...filter, sort: next }).filter((e): e is [string, string] => !!e[1])).toString()}`,
    (key) => columnOf.get(key)!,
  );
}

/** Every recommendation, filtered by review, status and unit, now or as things stood on a day. */
@WebController()
export class ListRecommendationsWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
    private readonly reviewTitles: ReviewTitles,
  ) {}

  @Get(routes.recommendations)
  async list(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form): Promise<void> {
    const { t } = req.web!;
    const filter = listFilter(q);
    let asOf: string | null = null;
    let asOfError: string | null = null;
    try {
      asOf = parseAsOf(optional(q.asOf));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      asOfError = t.errors.date;
    }
    const [recommendations, everything, reviews] = await Promise.all([
      this.queries.execute(new ListRecommendationsQuery(filter, asOf)),
      this.queries.execute(new ListRecommendationsQuery({}, null)),
      this.reviewTitles.list(),
    ]);
    const units = [...new Set(everything.map((r) => r.responsibleUnit))].sort();
    this.pages.render(req, res, 'recommendations/list-recommendations/recommendations.eta', t.list.title, {
      recommendations,
      reviews,
      reviewTitles: Object.fromEntries(reviews.map((r) => [r.id, r.title])),
      units,
      statuses: RECOMMENDATION_STATUSES,
      filter: { ...filter, asOf: asOf ? asOf.slice(0, 10) : (q.asOf ?? '') },
      sortHeaders: sortHeaders({ ...filter, asOf: asOf ? asOf.slice(0, 10) : undefined }),
      asOfDay: asOf ? asOf.slice(0, 10) : null,
      asOfError,
      overdueTotal: recommendations.reduce((sum, r) => sum + r.overdueActionCount, 0),
    });
  }
}
