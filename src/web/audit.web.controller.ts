import { Get, Query, Req, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Response } from 'express';
import { AuditEventsRequest, AuditHttpController } from '../audit/audit.http.controller';
import { CYCLE_EVENT_TYPES } from '../cycles/domain/cycle';
import { forbidden, invalid } from '../kernel/domain-error';
import { RECOMMENDATION_EVENT_TYPES } from '../recommendations/domain/recommendation.events';
import { REVIEW_EVENT_TYPES } from '../reviews/domain/review';
import { optional, validateForm } from './form-problems';
import { describeEvent, actionTitles, type TimelineEvent } from './timeline';
import type { WebRequest } from './web-context';
import { WebController } from './web-controller.decorator';
import { WebPages } from './web-pages';

type Form = Record<string, string | undefined>;

const PAGE_SIZE = 50;
const EXPORT_LIMIT = 10_000;
const EVENT_TYPES = [...RECOMMENDATION_EVENT_TYPES, ...REVIEW_EVENT_TYPES, ...CYCLE_EVENT_TYPES];

interface AuditEntry extends TimelineEvent {
  position: number;
  streamId: string;
  version: number;
}

/**
 * The auditor's pages. They call the API's own audit controller, so the
 * filters, the export formats and who may use them are exactly the API's;
 * only the credential differs (the session cookie instead of a bearer token).
 */
@WebController('logg')
export class AuditWebController {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly pages: WebPages,
  ) {}

  private get api(): AuditHttpController {
    return this.moduleRef.get(AuditHttpController, { strict: false });
  }

  @Get()
  page(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form) {
    return this.show(req, res, q, null);
  }

  @Get('verifiera')
  async verify(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form): Promise<void> {
    if (!this.pages.canReadAudit(req.web!.user, 'verify')) throw forbidden('Only auditors and admins verify the log');
    return this.show(req, res, q, await this.api.verify());
  }

  /** The API's csv or ndjson export with the page's filters, streamed under the session cookie. */
  @Get('export')
  async export(@Req() req: WebRequest, @Res() res: Response, @Query() q: Form): Promise<void> {
    this.requireReader(req);
    const format = q.format === 'ndjson' ? 'ndjson' : 'csv';
    const filter = await this.filter(req, q, EXPORT_LIMIT);
    // An export is a file to keep: one that silently ignored a filter typed wrong would mislead.
    const problems = Object.entries(filter.fields).map(([field, message]) => ({ field, message }));
    if (problems.length > 0) throw invalid(`Invalid filter: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
    const body = await this.api.events({ ...filter.value, format }, res);
    if (format === 'ndjson') res.setHeader('Content-Disposition', 'attachment; filename="audit-events.ndjson"');
    res.send(body);
  }

  private requireReader(req: WebRequest): void {
    if (!this.pages.canReadAudit(req.web!.user)) throw forbidden(`The role ${req.web!.user!.role} may not read the audit log`);
  }

  private async filter(req: WebRequest, q: Form, limit: number) {
    const input = { from: optional(q.from), to: optional(q.to), actor: optional(q.actor), type: optional(q.type), streamId: optional(q.streamId), after: optional(q.after), limit: String(limit) };
    const checked = await validateForm(AuditEventsRequest, input, req.web!.t);
    if (checked.ok) return { value: checked.value, fields: {} as Record<string, string>, input };
    return { value: { limit } as AuditEventsRequest, fields: checked.fields, input };
  }

  private async show(req: WebRequest, res: Response, q: Form, verification: Awaited<ReturnType<AuditHttpController['verify']>> | null): Promise<void> {
    this.requireReader(req);
    const { t, lang, units } = req.web!;
    const filter = await this.filter(req, q, PAGE_SIZE);
    const entries = (await this.api.events({ ...filter.value, format: 'json' }, res)) as AuditEntry[];
    res.removeHeader('X-Next-After');
    const titles = actionTitles(entries);
    const { after: _after, limit: _limit, ...kept } = filter.input;
    const query = new URLSearchParams(Object.entries(kept).filter((e): e is [string, string] => e[1] !== undefined));
    const last = entries.length === PAGE_SIZE ? entries[entries.length - 1].position : null;
    this.pages.render(req, res, 'audit.eta', t.audit.title, {
      entries: entries.map((e) => ({ ...e, described: describeEvent(e, t, lang, titles, units), json: JSON.stringify(e.data, null, 2) })),
      filter: kept,
      fieldErrors: filter.fields,
      types: EVENT_TYPES,
      verification,
      canVerify: this.pages.canReadAudit(req.web!.user, 'verify'),
      exportQuery: query.toString(),
      nextHref: last !== null ? `/logg?${new URLSearchParams([...query.entries(), ['after', String(last)]]).toString()}` : null,
    }, Object.keys(filter.fields).length > 0 ? 400 : 200);
  }
}
