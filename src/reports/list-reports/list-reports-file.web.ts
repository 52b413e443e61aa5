import { Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../../auth/permissions';
import { forbidden } from '../../kernel/domain-error';
import { routes } from '../../kernel/paths';
import { listAsFile } from '../../kernel/spreadsheet';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { ListReportsQuery } from './list-reports.query';

/** "Ladda ner som Excel/CSV" on the reports page: the API's file of every report made (GET /reports?format=), under the session cookie. */
@WebController()
export class ListReportsFileWebController {
  constructor(private readonly queries: QueryBus) {}

  @Get(routes.exportReports)
  async export(@Req() req: WebRequest, @Res({ passthrough: true }) _res: Response, @Query('format') format?: string): Promise<StreamableFile> {
    if (!may(req.web!.user, 'readReports')) throw forbidden(`The role ${req.web!.user!.role} may not read the reports`);
    const reports: object[] = await this.queries.execute(new ListReportsQuery());
    return listAsFile(format === 'csv' ? 'csv' : 'xlsx', 'rapporter', reports);
  }
}
