import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../kernel/http/validators';
import { GetHistoryQuery } from './get-history.query';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class GetHistoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the recommendation, oldest first: who, when, why, what' })
  history(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetHistoryQuery(id));
  }
}
