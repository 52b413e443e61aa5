import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dayOfAsOf } from '../../kernel/calendar';
import { Clock } from '../../kernel/clock';
import { recommendationsProjection } from '../recommendations.projection';
import { StateReader } from '../../projections/state-reader';
import type { RecommendationState } from '../domain/recommendation.state';
import { byCode, toSummary, type RecommendationSummary } from '../recommendation.views';

export interface RecommendationFilter {
  reviewId?: string;
  status?: string;
  unit?: string;
}

export class ListRecommendationsQuery extends Query<RecommendationSummary[]> {
  constructor(
    readonly filter: RecommendationFilter,
    readonly asOf: string | null,
  ) {
    super();
  }
}

@QueryHandler(ListRecommendationsQuery)
export class ListRecommendationsHandler implements IQueryHandler<ListRecommendationsQuery> {
  constructor(
    private readonly reader: StateReader,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, asOf }: ListRecommendationsQuery): Promise<RecommendationSummary[]> {
    const states = asOf
      ? (await this.reader.asOf(recommendationsProjection, asOf)).filter(
          (s) =>
            (!filter.reviewId || s.reviewId === filter.reviewId) &&
            (!filter.status || s.status === filter.status) &&
            (!filter.unit || s.responsibleUnit === filter.unit),
        )
      : await this.reader.current<RecommendationState>(recommendationsProjection, {
          review_id: filter.reviewId,
          status: filter.status,
          responsible_unit: filter.unit,
        });
    const today = asOf ? dayOfAsOf(asOf) : this.clock.today();
    return states
      .sort((a, b) => a.reviewId.localeCompare(b.reviewId) || byCode(a, b))
      .map((s) => toSummary(s, today));
  }
}
