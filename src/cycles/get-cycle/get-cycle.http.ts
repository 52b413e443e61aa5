import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../kernel/http/validators';
import { GetCycleQuery } from '../cycles.cqrs';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class GetCycleHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  get(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetCycleQuery(id));
  }
}
