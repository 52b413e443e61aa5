import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../event-store/database';
import { EventStore, type StoredEvent, type VerifyResult } from '../event-store/event-store';
import { parseAsOf, parseFrom } from '../kernel/as-of';
import { toHistoryEntry } from '../recommendations/queries/get-history.query';
import type { AuditEventsRequest } from './audit-events.request.dto';

/** A history entry plus the stream it belongs to. */
const toAuditEntry = (e: StoredEvent) => {
  const { position, ...rest } = toHistoryEntry(e);
  return { position, streamId: e.streamId, ...rest };
};

export type AuditEntry = ReturnType<typeof toAuditEntry>;

export const DEFAULT_AUDIT_PAGE = 100;

/** The events a filter picks, in position order; the API and the auditor's pages both read them here. */
export class AuditEventsQuery extends Query<AuditEntry[]> {
  constructor(readonly filter: Omit<AuditEventsRequest, 'format'>) {
    super();
  }
}

@QueryHandler(AuditEventsQuery)
export class AuditEventsHandler implements IQueryHandler<AuditEventsQuery> {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {}

  async execute({ filter: q }: AuditEventsQuery): Promise<AuditEntry[]> {
    // Parsed before the read is queued: nothing that can refuse the input runs inside the queue.
    const from = parseFrom(q.from) ?? undefined;
    const to = parseAsOf(q.to, 'to') ?? undefined;
    const events = await this.db.read((sql) =>
      this.store.readAll(sql, {
        after: q.after ?? 0,
        limit: q.limit ?? DEFAULT_AUDIT_PAGE,
        from,
        to,
        actor: q.actor,
        type: q.type,
        streamId: q.streamId,
      }),
    );
    return events.map(toAuditEntry);
  }
}

/** Recomputes the hash chain over every event. */
export class VerifyAuditLogQuery extends Query<VerifyResult> {}

@QueryHandler(VerifyAuditLogQuery)
export class VerifyAuditLogHandler implements IQueryHandler<VerifyAuditLogQuery> {
  constructor(private readonly store: EventStore) {}

  execute(): Promise<VerifyResult> {
    return this.store.verify();
  }
}

/** The position to continue after, when the page came back full (there may be more). */
export function nextAfter(entries: AuditEntry[], limit: number): number | null {
  return entries.length > 0 && entries.length === limit ? entries[entries.length - 1].position : null;
}

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A leading = + - @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const NDJSON_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export function toNdjson(entries: AuditEntry[]): string {
  return entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : '');
}

/** UTF-8 with a BOM and CRLF line ends, so a spreadsheet opens it as text in the right encoding. */
export function toCsv(entries: AuditEntry[]): string {
  const header = ['position', 'streamId', 'version', 'type', 'occurredAt', 'actorId', 'actorEmail', 'actorName', 'actorRole', 'reason', 'data'];
  const lines = entries.map((e) =>
    [e.position, e.streamId, e.version, e.type, e.occurredAt, e.actor.id, e.actor.email, e.actor.name, e.actor.role, e.reason, e.data].map(csvCell).join(','),
  );
  return '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n';
}
