import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { invalid } from '../../kernel/domain-error';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { auditFilter, requireAuditReader, type AuditForm } from '../audit-log-page';
import { AuditEventsQuery } from '../list-events/list-events.query';
import { sendAuditEvents } from './send-audit-events';

/** As many events as the API gives in one answer; X-Next-After says where the next file starts. */
const EXPORT_LIMIT = 10_000;

/** The API's csv or ndjson export with the page's filters, under the session cookie; the headers are the API's, plus a file name for ndjson too. */
@WebController('logg')
export class ExportWebController {
  constructor(private readonly queries: QueryBus) {}

  @Get('export')
  async export(@Req() req: WebRequest, @Res() res: Response, @Query() q: AuditForm): Promise<void> {
    requireAuditReader(req);
    const format = q.format === 'ndjson' || q.format === 'xlsx' ? q.format : 'csv';
    const filter = await auditFilter(req, q, EXPORT_LIMIT);
    // An export is a file to keep: one that silently ignored a filter typed wrong would mislead.
    const problems = Object.entries(filter.fields).map(([field, message]) => ({ field, message }));
    if (problems.length > 0) throw invalid(`Invalid filter: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
    const answer = await this.queries.execute(new AuditEventsQuery(filter.value, format === 'ndjson'));
    await sendAuditEvents(res, answer, format, `audit-events.${format}`);
  }
}
