import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StateReader } from '../../projections/state-reader';
import { CountRecommendationsByReviewQuery } from '../../recommendations/count-recommendations.query';
import type { ReviewState } from '../domain/review';
import { reviewsProjection } from '../reviews.projection';
import { ListReviewsQuery, toReviewView, type ReviewListItem } from '../reviews.cqrs';

/** Oldest review first, by title on the same day: the order every list of reviews shows. */
export const oldestReviewFirst = (a: ReviewState, b: ReviewState): number => a.reviewedOn.localeCompare(b.reviewedOn) || a.title.localeCompare(b.title);

/**
 * Every review, oldest first, with how many recommendations it has; its
 * decisions are on its own page. The counts are one count over the
 * recommendations' summary rows, not their states.
 */
@QueryHandler(ListReviewsQuery)
export class ListReviewsHandler implements IQueryHandler<ListReviewsQuery> {
  constructor(
    private readonly reader: StateReader,
    private readonly queries: QueryBus,
  ) {}

  async execute(): Promise<ReviewListItem[]> {
    const [reviews, counts] = await Promise.all([
      this.reader.current<ReviewState>(reviewsProjection),
      this.queries.execute(new CountRecommendationsByReviewQuery()),
    ]);
    return reviews
      .sort(oldestReviewFirst)
      .map((r) => {
        const { decisions: _d, version: _v, ...view } = toReviewView(r);
        return { ...view, recommendationCount: counts.get(r.id) ?? 0 };
      });
  }
}
