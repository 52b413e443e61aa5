import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListCyclesQuery } from '../cycles.cqrs';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class ListCyclesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list() {
    return this.queries.execute(new ListCyclesQuery());
  }
}
