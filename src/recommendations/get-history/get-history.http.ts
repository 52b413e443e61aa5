import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DEFAULT_LIMIT, NumberedPageRequest, pageHeaders } from '../../kernel/http/paging';
import { UuidParam } from '../../kernel/http/validators';
import { GetHistoryQuery } from './get-history.query';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class GetHistoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Every event, as the contract says, unless `limit` or `after` asks for a page: a stream of
   * thousands of notes is megabytes at once (1.9 MB at 5,000 events), and a client can take it a
   * page at a time, as an action's updates. X-Total-Count either way.
   */
  @Get(':id/history')
  @ApiOperation({
    summary: 'Every event of the recommendation, oldest first: who, when, why, what. With limit or after, a page of them: X-Next-After (a version) while more follow',
  })
  async history(@Param('id', UuidParam) id: string, @Query() q: NumberedPageRequest, @Res({ passthrough: true }) res: Response) {
    const paged = q.limit !== undefined || q.after !== undefined;
    const page = await this.queries.execute(new GetHistoryQuery(id, q.after ?? 0, paged ? (q.limit ?? DEFAULT_LIMIT) : undefined));
    return pageHeaders(res, page);
  }
}
