import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { EventStore, type EventFilter, type StoredEvent } from '../../event-store/event-store';
import { parseAsOf, parseFrom } from '../../kernel/as-of';
import { toHistoryEntry } from '../../recommendations/queries/get-history.query';
import type { AuditEventsRequest } from './list-events.request';

/** A history entry plus the stream it belongs to. */
const toAuditEntry = (e: StoredEvent) => {
  const { position, ...rest } = toHistoryEntry(e);
  return { position, streamId: e.streamId, ...rest };
};

export type AuditEntry = ReturnType<typeof toAuditEntry>;

export const DEFAULT_AUDIT_PAGE = 100;

/**
 * Events per read. On SQLite a read is synchronous on the one connection and
 * nothing else runs meanwhile: reading an event and writing it out takes some
 * 20 µs on a quiet machine and up to 100 µs on a busy one, so a page of 500
 * holds other requests for 10–50 ms, where the 10,000 events of one answer
 * read at once held them for 300 ms and more (`npm run bench` audit).
 */
export const AUDIT_READ_PAGE = 500;

/**
 * The events a request picks, to be read page by page: where the answer ends
 * is settled first (`nextAfter`, for the X-Next-After header a streamed answer
 * must send before its rows), the first page is read with it, so a failing
 * read is still an ordinary error answer, and the rest come as they are
 * asked for.
 */
export interface AuditEventPages {
  /** The position to continue after, when the answer holds `limit` events (there may be more). */
  nextAfter: number | null;
  pages: AsyncIterable<AuditEntry[]>;
}

/** The events a filter picks, in position order; the API, its exports and the auditor's pages all read them here. */
export class AuditEventsQuery extends Query<AuditEventPages> {
  constructor(readonly filter: Omit<AuditEventsRequest, 'format'>) {
    super();
  }
}

/** Lets timers and I/O (other requests) run before the next page is read. */
const letOthersRun = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

@QueryHandler(AuditEventsQuery)
export class AuditEventsHandler implements IQueryHandler<AuditEventsQuery> {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {}

  async execute({ filter: q }: AuditEventsQuery): Promise<AuditEventPages> {
    // Parsed before the read is queued: nothing that can refuse the input runs inside the queue.
    const filter: EventFilter = { from: parseFrom(q.from) ?? undefined, to: parseAsOf(q.to, 'to') ?? undefined, actor: q.actor, type: q.type, streamId: q.streamId };
    const after = q.after ?? 0;
    const limit = q.limit ?? DEFAULT_AUDIT_PAGE;
    const first = Math.min(limit, AUDIT_READ_PAGE);
    const { nextAfter, upToPosition, firstPage } = await this.db.read(async (sql) => {
      const nth = await this.store.nthPosition(sql, { ...filter, after }, limit);
      // Up to the answer's last event, or to the head as it is now: events appended while the
      // answer is read come after it, so it holds what it would have held read all at once.
      const upTo = nth ?? (await this.store.headPosition(sql));
      return { nextAfter: nth, upToPosition: upTo, firstPage: await this.store.readAll(sql, { ...filter, after, upToPosition: upTo, limit: first }) };
    });
    return { nextAfter, pages: this.pages(filter, upToPosition, firstPage, first) };
  }

  private async *pages(filter: EventFilter, upToPosition: number, firstPage: StoredEvent[], pageSize: number): AsyncGenerator<AuditEntry[]> {
    let page = firstPage;
    for (;;) {
      if (page.length > 0) yield page.map(toAuditEntry);
      if (page.length < pageSize) return;
      await letOthersRun();
      const after = page[page.length - 1].position;
      page = await this.db.read((sql) => this.store.readAll(sql, { ...filter, after, upToPosition, limit: pageSize }));
    }
  }
}

/** All of an answer's events at once, for a page that shows them (a few dozen). */
export async function allEntries({ pages }: AuditEventPages): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const page of pages) entries.push(...page);
  return entries;
}
