import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { parseAsOf } from '../../kernel/as-of';
import { UuidParam } from '../../kernel/http/validators';
import { GenerateReportCommand, GetReportQuery, ListReportsQuery } from '../reports.cqrs';
import { ReportRequestDto } from './report.request.dto';

/** Progress reports for the committee: made by secretaries and admins, read by them and the auditors. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Allow('makeReports')
  @ApiOperation({ summary: "Make the progress report of a milestone, as of its period end or any instant" })
  async create(@Body() b: ReportRequestDto, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const request = { cycleId: b.cycleId, milestoneKey: b.milestoneKey, reviewId: b.reviewId ?? null, asOf: parseAsOf(b.asOf), language: b.language, format: b.format };
    const report = await this.commands.execute(new GenerateReportCommand(request, ctx));
    res.status(201).setHeader('Location', `/api/v1/reports/${report.id}`);
    return report;
  }

  @Get()
  @Allow('readReports')
  list() {
    return this.queries.execute(new ListReportsQuery());
  }

  @Get(':id')
  @Allow('readReports')
  get(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetReportQuery(id, false));
  }

  @Get(':id/content')
  @Allow('readReports')
  @ApiOperation({ summary: 'The report file, with its content type and a Content-Disposition filename' })
  async content(@Param('id', UuidParam) id: string, @Res() res: Response) {
    const report = await this.queries.execute(new GetReportQuery(id, true));
    res.setHeader('Content-Type', report.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${report.fileName}"`);
    res.setHeader('ETag', `"${report.sha256}"`);
    res.send(report.content);
  }
}
