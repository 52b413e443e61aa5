import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { pageHeaders } from '../../kernel/http/paging';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseAsOf } from '../../kernel/as-of';
import { invalid } from '../../kernel/domain-error';
import { fileHeaders, tableFile } from '../../kernel/spreadsheet';
import { ExportRecommendationsQuery, type RecommendationTable } from '../export-recommendations/export-recommendations.query';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../domain/recommendation.state';
import { DEFAULT_PAGE_SIZE, ListRecommendationsPageQuery } from './list-recommendations.query';
import { RecommendationListRequest } from './list-recommendations.request';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class ListRecommendationsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Summaries, ordered by review then code; asOf answers as things stood then' })
  async list(@Query() q: RecommendationListRequest, @Res({ passthrough: true }) res: Response) {
    if (q.status && !RECOMMENDATION_STATUSES.includes(q.status as RecommendationStatus)) {
      throw invalid(`Unknown status ${q.status}`, [{ field: 'status', message: `must be one of ${RECOMMENDATION_STATUSES.join(', ')}` }]);
    }
    if (q.format === 'csv' || q.format === 'xlsx') {
      // A file is the whole list the filter picks, unless a page is asked for.
      const paged = q.limit !== undefined || q.after !== undefined;
      const filter = { reviewId: q.reviewId, status: q.status, unit: q.unit, review: q.review, owner: q.owner, sort: q.sort };
      const table: RecommendationTable = await this.queries.execute(new ExportRecommendationsQuery(filter, parseAsOf(q.asOf), paged ? { limit: q.limit ?? DEFAULT_PAGE_SIZE, after: q.after ?? null } : null));
      res.setHeader('X-Total-Count', String(table.total));
      if (table.nextAfter !== null) res.setHeader('X-Next-After', table.nextAfter);
      return new StreamableFile(tableFile(q.format, 'recommendations', table.header, [table.rows]), fileHeaders(q.format, 'recommendations'));
    }
    const page = await this.queries.execute(
      new ListRecommendationsPageQuery({ reviewId: q.reviewId, status: q.status, unit: q.unit, review: q.review, owner: q.owner, sort: q.sort }, parseAsOf(q.asOf), { limit: q.limit ?? DEFAULT_PAGE_SIZE, after: q.after ?? null }),
    );
    return pageHeaders(res, page);
  }
}
