import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import type { Response } from 'express';
import { Roles, WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { parseAsOf } from '../../kernel/as-of';
import { IsDayOrInstant, UuidParam } from '../../kernel/http/validators';
import { REPORT_FORMATS, type ReportFormat } from '../render/render-report';
import { GenerateReportCommand, GetReportQuery, ListReportsQuery } from '../reports.cqrs';

export class ReportRequestDto {
  @ApiProperty() @IsUUID() cycleId: string;
  @ApiProperty({ example: 'T1' }) @IsString() @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'milestoneKey must be a milestone key such as T1' }) milestoneKey: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() reviewId?: string;
  @ApiPropertyOptional({ description: 'an instant, or a date meaning the end of that day (UTC); default: the period end, or now' }) @IsOptional() @IsDayOrInstant() asOf?: string;
  @ApiProperty({ enum: ['sv', 'en'] }) @IsIn(['sv', 'en'], { message: 'language must be sv or en' }) language: 'sv' | 'en';
  @ApiProperty({ enum: REPORT_FORMATS }) @IsIn(REPORT_FORMATS as unknown as string[], { message: `format must be one of ${REPORT_FORMATS.join(', ')}` }) format: ReportFormat;
}

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
  @Roles('secretary', 'admin')
  @ApiOperation({ summary: "Make the progress report of a milestone, as of its period end or any instant" })
  async create(@Body() b: ReportRequestDto, @WriteCtx() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    const request = { cycleId: b.cycleId, milestoneKey: b.milestoneKey, reviewId: b.reviewId ?? null, asOf: parseAsOf(b.asOf), language: b.language, format: b.format };
    const report = await this.commands.execute(new GenerateReportCommand(request, ctx));
    res.status(201).setHeader('Location', `/api/v1/reports/${report.id}`);
    return report;
  }

  @Get()
  @Roles('secretary', 'admin', 'auditor')
  list() {
    return this.queries.execute(new ListReportsQuery());
  }

  @Get(':id')
  @Roles('secretary', 'admin', 'auditor')
  get(@Param('id', UuidParam) id: string) {
    return this.queries.execute(new GetReportQuery(id, false));
  }

  @Get(':id/content')
  @Roles('secretary', 'admin', 'auditor')
  @ApiOperation({ summary: 'The report file, with its content type and a Content-Disposition filename' })
  async content(@Param('id', UuidParam) id: string, @Res() res: Response) {
    const report = await this.queries.execute(new GetReportQuery(id, true));
    res.setHeader('Content-Type', report.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${report.fileName}"`);
    res.setHeader('ETag', `"${report.sha256}"`);
    res.send(report.content);
  }
}
