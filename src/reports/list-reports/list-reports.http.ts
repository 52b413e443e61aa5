import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import { FileFormatRequest } from '../../kernel/http/file-format.request';
import { listAsFile } from '../../kernel/spreadsheet';
import { ListReportsQuery } from './list-reports.query';

/** Every report made, newest first: for secretaries, admins and auditors. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ListReportsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('readReports')
  async list(@Query() q: FileFormatRequest) {
    const reports: object[] = await this.queries.execute(new ListReportsQuery());
    return q.format === 'csv' || q.format === 'xlsx' ? listAsFile(q.format, 'reports', reports) : reports;
  }
}
