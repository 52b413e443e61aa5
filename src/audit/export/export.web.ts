import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { invalid } from '../../kernel/domain-error';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { auditFilter, requireAuditReader, type AuditForm } from '../audit-log-page';
import { AuditEventsQuery, wholeUnlessLimited } from '../list-events/list-events.query';
import { sendAuditEvents } from './send-audit-events';

/**
 * The API's files with the page's filters, under the session cookie: every event the filters pick,
 * in csv, xlsx or ndjson (whose last lines say it is the whole log, for the offline check), streamed.
 * They stopped at 10,000 events, and where the next file would start was said only in a header no
 * browser shows: an auditor's copy of a larger log looked whole and was not.
 */
@WebController('logg')
export class ExportWebController {
  constructor(private readonly queries: QueryBus) {}

  @Get('export')
  async export(@Req() req: WebRequest, @Res() res: Response, @Query() q: AuditForm): Promise<void> {
    requireAuditReader(req);
    const format = q.format === 'ndjson' || q.format === 'xlsx' ? q.format : 'csv';
    const filter = await auditFilter(req, q);
    // An export is a file to keep: one that silently ignored a filter typed wrong would mislead.
    const problems = Object.entries(filter.fields).map(([field, message]) => ({ field, message }));
    // The page says it in the user's language; the detail, in English as every detail is, names the fields.
    if (problems.length > 0) throw invalid(`Invalid filter: ${problems.map((p) => p.field).join(', ')}`, problems);
    const answer = await this.queries.execute(new AuditEventsQuery(wholeUnlessLimited(filter.value), format === 'ndjson'));
    await sendAuditEvents(res, answer, format, `audit-events.${format}`);
  }
}
