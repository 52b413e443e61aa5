import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { GetCycleQuery } from '../cycles.cqrs';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class GetCycleHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** The ETag is the cycle's version, what a change may name in If-Match (not Express's hash of the body, which no If-Match matches). */
  @Get(':id')
  async get(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) res: Response) {
    const cycle = await this.queries.execute(new GetCycleQuery(id));
    res.setHeader('ETag', `"${cycle.version}"`);
    return cycle;
  }
}
