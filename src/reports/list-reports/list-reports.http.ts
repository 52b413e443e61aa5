import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import { ListReportsQuery } from './list-reports.query';

/** Every report made, newest first: for secretaries, admins and auditors. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ListReportsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('readReports')
  list() {
    return this.queries.execute(new ListReportsQuery());
  }
}
