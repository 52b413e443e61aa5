import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { AuditEventsRequest } from '../audit/audit-events.request.dto';
import { AuditEventsQuery, CSV_CONTENT_TYPE, NDJSON_CONTENT_TYPE, nextAfter, toCsv, toNdjson, VerifyAuditLogQuery } from '../audit/audit-log.queries';
import { may } from '../auth/permissions';
import type { VerifyResult } from '../event-store/event-store';
import { CYCLE_EVENT_TYPES } from '../cycles/domain/cycle';
import { forbidden, invalid } from '../kernel/domain-error';
import { RECOMMENDATION_EVENT_TYPES } from '../recommendations/domain/recommendation.events';
import { REVIEW_EVENT_TYPES } from '../reviews/domain/review';
import { optional, validateForm } from './form-problems';
import { describeEvent, actionTitles } from './timeline';
import type { WebRequest } from './web-context';
import { WebController } from './web-controller.decorator';
import { WebPages } from './web-pages';

type Form = Record<string, string | undefined>;

const PAGE_SIZE = 50;
const EXPORT_LIMIT = 10_000;
const EVENT_TYPES = [...RECOMMENDATION_EVENT_TYPES, ...REVIEW_EVENT_TYPES, ...CYCLE_EVENT_TYPES];

/**
 * The auditor's pages. They read through the same queries as the audit API,
 * with its request type, export formats and permissions, so the filters, the
 * files and who may use them are exactly the API's; only the credential
 * differs (the session cookie instead of a bearer token).
 */
@WebController('logg')
export class AuditWebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  @Get()
  page(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form) {
    return this.show(req, res, q, null);
  }

  @Get('verifiera')
  async verify(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form): Promise<void> {
    if (!may(req.web!.user, 'verifyAuditLog')) throw forbidden('Only auditors and admins verify the log');
    return this.show(req, res, q, await this.queries.execute(new VerifyAuditLogQuery()));
  }

  /** The API's csv or ndjson export with the page's filters, under the session cookie; the headers are the API's, plus a file name for ndjson too. */
  @Get('export')
  async export(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form): Promise<void> {
    this.requireReader(req);
    const format = q.format === 'ndjson' ? 'ndjson' : 'csv';
    const filter = await this.filter(req, q, EXPORT_LIMIT);
    // An export is a file to keep: one that silently ignored a filter typed wrong would mislead.
    const problems = Object.entries(filter.fields).map(([field, message]) => ({ field, message }));
    if (problems.length > 0) throw invalid(`Invalid filter: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
    const entries = await this.queries.execute(new AuditEventsQuery(filter.value));
    const next = nextAfter(entries, EXPORT_LIMIT);
    if (next !== null) res.setHeader('X-Next-After', String(next));
    res.setHeader('Content-Type', format === 'ndjson' ? NDJSON_CONTENT_TYPE : CSV_CONTENT_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="audit-events.${format}"`);
    res.send(format === 'ndjson' ? toNdjson(entries) : toCsv(entries));
  }

  private requireReader(req: WebRequest): void {
    if (!may(req.web!.user, 'readAuditLog')) throw forbidden(`The role ${req.web!.user!.role} may not read the audit log`);
  }

  private async filter(req: WebRequest, q: Form, limit: number) {
    const input = { from: optional(q.from), to: optional(q.to), actor: optional(q.actor), type: optional(q.type), streamId: optional(q.streamId), after: optional(q.after), limit: String(limit) };
    const checked = await validateForm(AuditEventsRequest, input, req.web!.t);
    if (checked.ok) return { value: checked.value, fields: {} as Record<string, string>, input };
    return { value: { limit } as AuditEventsRequest, fields: checked.fields, input };
  }

  private async show(req: WebRequest, res: Response, q: Form, verification: VerifyResult | null): Promise<void> {
    this.requireReader(req);
    const { t, lang, units } = req.web!;
    const filter = await this.filter(req, q, PAGE_SIZE);
    const entries = await this.queries.execute(new AuditEventsQuery(filter.value));
    const titles = actionTitles(entries);
    const { after: _after, limit: _limit, ...kept } = filter.input;
    const query = new URLSearchParams(Object.entries(kept).filter((e): e is [string, string] => e[1] !== undefined));
    const last = nextAfter(entries, PAGE_SIZE);
    this.pages.render(req, res, 'audit.eta', t.audit.title, {
      entries: entries.map((e) => ({ ...e, described: describeEvent(e, t, lang, titles, units), json: JSON.stringify(e.data, null, 2) })),
      filter: kept,
      fieldErrors: filter.fields,
      types: EVENT_TYPES,
      verification,
      canVerify: may(req.web!.user, 'verifyAuditLog'),
      exportQuery: query.toString(),
      nextHref: last !== null ? `/logg?${new URLSearchParams([...query.entries(), ['after', String(last)]]).toString()}` : null,
    }, Object.keys(filter.fields).length > 0 ? 400 : 200);
  }
}
