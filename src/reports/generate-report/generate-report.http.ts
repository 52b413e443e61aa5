import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, WriteCtx } from '../../auth/auth.decorators';
import type { WriteContext } from '../../event-store/command-runner';
import { RequestReportCommand } from './generate-report.command';
import { prefersJob, ReportRequestDto, toReportRequest } from './generate-report.request';

export const reportLocation = (id: string) => `/api/v1/reports/${id}`;
export const reportJobLocation = (id: string) => `/api/v1/reports/jobs/${id}`;

/** Progress reports for the committee: made by secretaries and admins. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class GenerateReportHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('makeReports')
  @ApiOperation({
    summary: 'Make the progress report of a milestone, as of its period end or any instant',
    description: '201 with the report; 202 with a job to poll at its Location when the client sends `Prefer: respond-async` or the log is big.',
  })
  @ApiCreatedResponse({ description: 'The report was made: its record, and its file at Location' })
  @ApiAcceptedResponse({ description: 'The report is made as a job (a long log, or Prefer: respond-async): poll the job at Location' })
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async`: answer 202 with a job rather than wait for the report' })
  async create(@Body() b: ReportRequestDto, @WriteCtx() ctx: WriteContext, @Headers('prefer') prefer: string | undefined, @Res({ passthrough: true }) res: Response) {
    const asked = prefersJob(prefer);
    const outcome = await this.commands.execute(new RequestReportCommand(toReportRequest(b), ctx, asked));
    if ('made' in outcome) {
      res.status(201).setHeader('Location', reportLocation(outcome.made.id));
      return outcome.made;
    }
    res.status(202).setHeader('Location', reportJobLocation(outcome.job.id));
    if (asked) res.setHeader('Preference-Applied', 'respond-async');
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return outcome.job;
  }
}
