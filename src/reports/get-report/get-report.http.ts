import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import { UuidParam } from '../../kernel/http/validators';
import { GetReportQuery } from './get-report.query';

/** One report's metadata: what was reported, as of when, its sha256, who made it. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class GetReportHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Allow('readReports')
  get(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetReportQuery(id, false));
  }
}
