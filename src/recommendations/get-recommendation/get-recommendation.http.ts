import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseAsOf } from '../../kernel/as-of';
import { UuidParam } from '../../kernel/http/validators';
import { GetRecommendationQuery } from './get-recommendation.query';
import { AsOfRequest } from './get-recommendation.request';

/** One recommendation with its actions; the ETag is the version a write may name in If-Match. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class GetRecommendationHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  async get(@Param('id', UuidParam) id: string, @Query() q: AsOfRequest, @Res({ passthrough: true }) res: Response) {
    const detail = await this.queries.execute(new GetRecommendationQuery(id, parseAsOf(q.asOf)));
    res.setHeader('ETag', `"${detail.version}"`);
    return detail;
  }
}
