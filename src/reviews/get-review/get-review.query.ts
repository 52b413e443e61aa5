import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '../../kernel/domain-error';
import { StateReader } from '../../projections/state-reader';
import { ListRecommendationsQuery } from '../../recommendations/list-recommendations/list-recommendations.query';
import type { ReviewState } from '../domain/review';
import { reviewsProjection } from '../reviews.projection';
import { GetReviewQuery, toReviewView, type ReviewDetail } from '../reviews.cqrs';

/**
 * One review with the committee's decisions on it and its recommendations'
 * summaries, in code order: the recommendations' own list, which reads only
 * their summary columns (and counts overdue actions for Stockholm's today).
 */
@QueryHandler(GetReviewQuery)
export class GetReviewHandler implements IQueryHandler<GetReviewQuery> {
  constructor(
    private readonly reader: StateReader,
    private readonly queries: QueryBus,
  ) {}

  async execute({ id }: GetReviewQuery): Promise<ReviewDetail> {
    const review = await this.reader.one<ReviewState>(reviewsProjection, id);
    if (!review) throw notFound(`Review ${id} not found`);
    const recommendations = await this.queries.execute(new ListRecommendationsQuery({ reviewId: id }, null));
    return { ...toReviewView(review), recommendationCount: recommendations.length, recommendations };
  }
}
