import { Get, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { UuidParam } from '../../kernel/http/validators';
import { routes } from '../../kernel/paths';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { GetReportQuery } from '../get-report/get-report.query';
import { requireReports } from '../reports-page';
import { sendReportFile } from './send-report-file';

@WebController()
export class DownloadReportWebController {
  constructor(private readonly queries: QueryBus) {}

  /** The stored file as it was made, under the session cookie, with the name the report was given. */
  @Get(routes.reportFile)
  async download(@Req() req: WebRequest, @Res() res: Response, @Param('id', UuidParam) id: string): Promise<void> {
    requireReports(req, 'readReports');
    sendReportFile(res, await this.queries.execute(new GetReportQuery(id, true)));
  }
}
