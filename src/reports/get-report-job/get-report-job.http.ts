import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import { UuidParam } from '../../kernel/http/validators';
import { GetReportJobQuery } from './get-report-job.query';

/** The job a 202 from POST /reports points at: poll it until it is done (with the report) or failed (with the reason). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/jobs')
export class GetReportJobHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Allow('readReports')
  @ApiOperation({ summary: 'A report job: status (queued, running, done, failed), progressPercent, and the report or the failure' })
  get(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetReportJobQuery(id));
  }
}
