import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { EventStore, type EventFilter, type StoredEvent } from '../../event-store/event-store';
import { parseAsOf, parseFrom } from '../../kernel/as-of';
import { toHistoryEntry } from '../../recommendations/get-history/get-history.query';
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
 * Positions one read may look through. A filter no index serves (the actor,
 * a LIKE on the metadata) that few events match would otherwise make one
 * statement scan the whole log for its page: at 200,000 events 280 ms on a
 * quiet machine, 1.7 s on a busy one. Reads over a window of positions (the
 * primary key) cost at most this many rows.
 */
export const AUDIT_SCAN_WINDOW = 10_000;

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

/** Lets timers and I/O (other requests) run before the next read. */
const letOthersRun = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What one read found: its events, and the position the next read goes on after. */
interface Page {
  events: StoredEvent[];
  readTo: number;
}

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
    const { nextAfter, upTo } = await this.answerEnd(filter, after, q.limit ?? DEFAULT_AUDIT_PAGE);
    const first = await this.page(filter, after, upTo);
    return { nextAfter, pages: this.pages(filter, upTo, first) };
  }

  /**
   * Where the answer ends: at the `limit`-th event the filter picks after
   * `after` (then more may follow), or else at the head as it was when asked.
   * Events appended while the answer is read come after that, so it holds
   * what it would have held read all at once. Counted window by window.
   */
  private async answerEnd(filter: EventFilter, after: number, limit: number): Promise<{ nextAfter: number | null; upTo: number }> {
    const head = await this.db.read((sql) => this.store.headPosition(sql));
    let wanted = limit;
    for (let from = after; from < head; from += AUDIT_SCAN_WINDOW) {
      const upToPosition = Math.min(from + AUDIT_SCAN_WINDOW, head);
      const found = await this.db.read((sql) => this.store.positions(sql, { ...filter, after: from, upToPosition, limit: wanted }));
      if (found.length === wanted) return { nextAfter: found[found.length - 1], upTo: found[found.length - 1] };
      wanted -= found.length;
      await letOthersRun();
    }
    return { nextAfter: null, upTo: head };
  }

  /** At most a page of events after `after`, looking no further than one window. */
  private async page(filter: EventFilter, after: number, upTo: number): Promise<Page> {
    const windowEnd = Math.min(after + AUDIT_SCAN_WINDOW, upTo);
    const events = await this.db.read((sql) => this.store.readAll(sql, { ...filter, after, upToPosition: windowEnd, limit: AUDIT_READ_PAGE }));
    return { events, readTo: events.length === AUDIT_READ_PAGE ? events[events.length - 1].position : windowEnd };
  }

  private async *pages(filter: EventFilter, upTo: number, first: Page): AsyncGenerator<AuditEntry[]> {
    let page = first;
    for (;;) {
      if (page.events.length > 0) yield page.events.map(toAuditEntry);
      if (page.readTo >= upTo) return;
      await letOthersRun();
      page = await this.page(filter, page.readTo, upTo);
    }
  }
}

/** All of an answer's events at once, for a page that shows them (a few dozen). */
export async function allEntries({ pages }: AuditEventPages): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const page of pages) entries.push(...page);
  return entries;
}
