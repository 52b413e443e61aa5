import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StateReader } from '../../projections/state-reader';
import type { RecommendationState } from '../../recommendations/domain/recommendation.state';
import { recommendationsProjection } from '../../recommendations/recommendations.projection';
import type { ReviewState } from '../domain/review';
import { reviewsProjection } from '../reviews.projection';
import { ListReviewsQuery, toReviewView, type ReviewListItem } from '../reviews.cqrs';

/** Every review, oldest first, with how many recommendations it has; its decisions are on its own page. */
@QueryHandler(ListReviewsQuery)
export class ListReviewsHandler implements IQueryHandler<ListReviewsQuery> {
  constructor(private readonly reader: StateReader) {}

  async execute(): Promise<ReviewListItem[]> {
    const reviews = await this.reader.current<ReviewState>(reviewsProjection);
    const recommendations = await this.reader.current<RecommendationState>(recommendationsProjection);
    return reviews
      .sort((a, b) => a.reviewedOn.localeCompare(b.reviewedOn) || a.title.localeCompare(b.title))
      .map((r) => {
        const { decisions: _d, version: _v, ...view } = toReviewView(r);
        return { ...view, recommendationCount: recommendations.filter((x) => x.reviewId === r.id).length };
      });
  }
}
