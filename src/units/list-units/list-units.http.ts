import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetUnitQuery, ListUnitsQuery } from '../units.cqrs';
import { ListUnitsRequest } from './list-units.request';

/** Everyone signed in reads the units: their names are on every page. */
@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class ListUnitsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The active units (all=true: retired ones too), by name' })
  list(@Query() q: ListUnitsRequest) {
    return this.queries.execute(new ListUnitsQuery(q.all === 'true'));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit, retired or not' })
  one(@Param('id') id: string) {
    return this.queries.execute(new GetUnitQuery(id));
  }
}
