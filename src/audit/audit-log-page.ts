import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { may } from '../auth/permissions';
import { CYCLE_EVENT_TYPES } from '../cycles/domain/cycle';
import { forbidden } from '../kernel/domain-error';
import { RECOMMENDATION_EVENT_TYPES } from '../recommendations/domain/recommendation.events';
import { REVIEW_EVENT_TYPES } from '../reviews/domain/review';
import { UNIT_EVENT_TYPES } from '../units/domain/unit';
import { USER_EVENT_TYPES } from '../users/domain/user';
import { userSentences } from '../users/user-sentences';
import { optional, validateForm } from '../web/form-problems';
import { actionTitles, describeEvent } from '../recommendations/timeline';
import type { WebRequest } from '../web/web-context';
import { WebPages } from '../web/web-pages';
import { allEntries, AuditEventsQuery } from './list-events/list-events.query';
import { AuditEventsRequest } from './list-events/list-events.request';
import type { AuditVerification } from './verify/verify.query';

export type AuditForm = Record<string, string | undefined>;

const PAGE_SIZE = 50;
export const EVENT_TYPES = [...RECOMMENDATION_EVENT_TYPES, ...REVIEW_EVENT_TYPES, ...CYCLE_EVENT_TYPES, ...USER_EVENT_TYPES, ...UNIT_EVENT_TYPES];

/** The auditor's pages ask the same permissions as the audit API, through the same table. */
export function requireAuditReader(req: WebRequest): void {
  if (!may(req.web!.user, 'readAuditLog')) throw forbidden(`The role ${req.web!.user!.role} may not read the audit log`);
}

/**
 * The page's filter form checked with the API's request type, so the filters
 * mean exactly what they mean in the API. A filter typed wrong is reported
 * per field, and the page then shows the unfiltered log. Without `limit`, the API's own default.
 */
export async function auditFilter(req: WebRequest, q: AuditForm, limit?: number) {
  const input = { from: optional(q.from), to: optional(q.to), actor: optional(q.actor), type: optional(q.type), streamId: optional(q.streamId), after: optional(q.after), limit: limit === undefined ? undefined : String(limit) };
  const checked = await validateForm(AuditEventsRequest, input, req.web!.t);
  // Two days the wrong way round pick no event: said, rather than "no event matches" (the API answers the empty list it asks for).
  if (checked.ok && input.from && input.to && input.from.slice(0, 10) > input.to.slice(0, 10)) {
    return { value: { limit } as AuditEventsRequest, fields: { to: req.web!.t.audit.toBeforeFrom } as Record<string, string>, input };
  }
  if (checked.ok) return { value: checked.value, fields: {} as Record<string, string>, input };
  return { value: { limit } as AuditEventsRequest, fields: checked.fields, input };
}

/**
 * The event log page (`/logg`), with a verification's outcome when the
 * auditor asked for one (`/logg/verifiera` shows the same page). It reads
 * through the same query as the audit API, so the filters, the files and who
 * may use them are exactly the API's; only the credential differs (the
 * session cookie instead of a bearer token).
 */
@Injectable()
export class AuditLogPage {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: WebPages,
  ) {}

  async show(req: WebRequest, res: Response, q: AuditForm, verification: AuditVerification | null): Promise<void> {
    requireAuditReader(req);
    const { t, lang, units } = req.web!;
    const filter = await auditFilter(req, q, PAGE_SIZE);
    const answer = await this.queries.execute(new AuditEventsQuery(filter.value));
    const entries = await allEntries(answer);
    const titles = actionTitles(entries);
    const more = userSentences(t, units);
    const { after: _after, limit: _limit, ...kept } = filter.input;
    const query = new URLSearchParams(Object.entries(kept).filter((e): e is [string, string] => e[1] !== undefined));
    this.pages.render(req, res, 'audit/list-events/audit-log.eta', t.audit.title, {
      entries: entries.map((e) => ({ ...e, described: describeEvent(e, t, lang, titles, units, more), json: JSON.stringify(e.data, null, 2) })),
      filter: kept,
      fieldErrors: filter.fields,
      types: EVENT_TYPES,
      verification,
      canVerify: may(req.web!.user, 'verifyAuditLog'),
      exportQuery: query.toString(),
      nextHref: answer.nextAfter !== null ? `/logg?${new URLSearchParams([...query.entries(), ['after', String(answer.nextAfter)]]).toString()}` : null,
    }, Object.keys(filter.fields).length > 0 ? 400 : 200);
  }
}
