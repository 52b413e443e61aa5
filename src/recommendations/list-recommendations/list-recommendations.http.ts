import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseAsOf } from '../../kernel/as-of';
import { invalid } from '../../kernel/domain-error';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../domain/recommendation.state';
import { ListRecommendationsQuery } from '../queries/list-recommendations.query';
import { RecommendationListRequest } from './list-recommendations.request';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class ListRecommendationsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Summaries, ordered by review then code; asOf answers as things stood then' })
  list(@Query() q: RecommendationListRequest) {
    if (q.status && !RECOMMENDATION_STATUSES.includes(q.status as RecommendationStatus)) {
      throw invalid(`Unknown status ${q.status}`, [{ field: 'status', message: `must be one of ${RECOMMENDATION_STATUSES.join(', ')}` }]);
    }
    return this.queries.execute(new ListRecommendationsQuery({ reviewId: q.reviewId, status: q.status, unit: q.unit }, parseAsOf(q.asOf)));
  }
}
