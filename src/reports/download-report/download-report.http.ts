import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../../auth/auth.decorators';
import { UuidParam } from '../../kernel/http/validators';
import { GetReportQuery } from '../get-report/get-report.query';
import { sendReportFile } from './send-report-file';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class DownloadReportHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/content')
  @Allow('readReports')
  @ApiOperation({ summary: 'The report file, with its content type and a Content-Disposition filename' })
  async content(@Param('id', UuidParam) id: string, @Res() res: Response) {
    sendReportFile(res, await this.queries.execute(new GetReportQuery(id, true)));
  }
}
