import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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

  /** The ETag is the unit's version, what a change may name in If-Match (not Express's hash of the body, which no If-Match matches). */
  @Get(':id')
  @ApiOperation({ summary: 'One unit, retired or not; the ETag is the version a change may name in If-Match' })
  async one(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { version, ...unit } = await this.queries.execute(new GetUnitQuery(id));
    res.setHeader('ETag', `"${version}"`);
    return unit;
  }
}
