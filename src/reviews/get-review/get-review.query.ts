import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Clock } from '../../kernel/clock';
import { notFound } from '../../kernel/domain-error';
import { StateReader } from '../../projections/state-reader';
import type { RecommendationState } from '../../recommendations/domain/recommendation.state';
import { byCode, toSummary } from '../../recommendations/recommendation.views';
import { recommendationsProjection } from '../../recommendations/recommendations.projection';
import type { ReviewState } from '../domain/review';
import { reviewsProjection } from '../reviews.projection';
import { GetReviewQuery, toReviewView, type ReviewDetail } from '../reviews.cqrs';

/** One review with the committee's decisions on it and its recommendations' summaries, in code order. */
@QueryHandler(GetReviewQuery)
export class GetReviewHandler implements IQueryHandler<GetReviewQuery> {
  constructor(
    private readonly reader: StateReader,
    private readonly clock: Clock,
  ) {}

  async execute({ id }: GetReviewQuery): Promise<ReviewDetail> {
    const review = await this.reader.one<ReviewState>(reviewsProjection, id);
    if (!review) throw notFound(`Review ${id} not found`);
    const recommendations = await this.reader.current<RecommendationState>(recommendationsProjection, { review_id: id });
    const today = this.clock.today();
    return {
      ...toReviewView(review),
      recommendationCount: recommendations.length,
      recommendations: recommendations.sort(byCode).map((s) => toSummary(s, today)),
    };
  }
}
