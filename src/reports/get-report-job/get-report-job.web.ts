import { Get, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ListCyclesQuery } from '../../cycles/cycles.cqrs';
import { UuidParam } from '../../kernel/http/validators';
import { paths, routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { requireReports } from '../reports-page';
import { GetReportJobQuery } from './get-report-job.query';

/** How often the page of a job under way reloads itself, in seconds. */
const REFRESH_SECONDS = 2;

/**
 * The page of a report made as a job: how far it has come, while it runs (the
 * page reloads itself with a Refresh header, no script needed), then the
 * download, or why it failed.
 */
@WebController()
export class GetReportJobWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  @Get(routes.reportJob)
  async show(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string): Promise<void> {
    requireReports(req, 'readReports');
    const { t } = req.web!;
    const [job, cycles] = await Promise.all([this.queries.execute(new GetReportJobQuery(id)), this.queries.execute(new ListCyclesQuery())]);
    const cycle = cycles.find((c) => c.id === job.request.cycleId);
    const milestone = cycle?.milestones.find((m) => m.key === job.request.milestoneKey);
    const milestoneName = cycle && milestone ? t.reports.milestoneOption(milestone.name, milestone.key, cycle.name) : job.request.milestoneKey;
    // With its address: a reload of an address with a fragment (the form's #report-errors) would only scroll.
    if (job.status === 'queued' || job.status === 'running') res.setHeader('Refresh', `${REFRESH_SECONDS}; url=${paths.reportJob(job.id)}`);
    this.pages.render(req, res, 'reports/get-report-job/report-job.eta', t.reports.jobTitle, { job, milestoneName });
  }
}
