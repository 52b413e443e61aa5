import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DEFAULT_LIMIT, NumberedPageRequest, pageHeaders } from '../../kernel/http/paging';
import { UuidParam } from '../../kernel/http/validators';
import { toUpdateView } from '../recommendation.views';
import { ListUpdatesQuery } from './list-updates.query';

/** Every progress update of an action, paged: the detail carries only the latest 20 and the count. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class ListUpdatesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/actions/:actionId/updates')
  @ApiOperation({ summary: "An action's progress updates, oldest first; X-Total-Count, and X-Next-After while more follow" })
  async list(
    @Param('id', UuidParam) id: string,
    @Param('actionId', UuidParam) actionId: string,
    @Query() q: NumberedPageRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const page = await this.queries.execute(new ListUpdatesQuery(id, actionId, q.after ?? 0, q.limit ?? DEFAULT_LIMIT));
    return pageHeaders(res, page).map(toUpdateView);
  }
}
