import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
// Lets timers and I/O (other requests) run before the next read.
import { setImmediate as letOthersRun } from 'node:timers/promises';
import { Database } from '../../event-store/database';
import { EVENT_COLUMNS, type EventRow } from '../../event-store/event-row';
import { EventStore, type EventFilter, type StoredEvent } from '../../event-store/event-store';
import { parseAsOf, parseFrom } from '../../kernel/as-of';
import { toHistoryEntry } from '../../recommendations/get-history/get-history.query';
import { readAnchors } from '../anchors/anchors';
import type { Anchor } from '../domain/anchor';
import type { AuditEventsRequest } from './list-events.request';
import { readRecommendationLabels, type RecommendationLabel } from './recommendation-labels';

/**
 * The stored columns a hash covers that the entry does not show as stored,
 * and the hashes: with them an export is checked offline (npm run verify)
 * with the app's own hash code. `data` and `metadata` are the stored text.
 */
export interface ChainColumns {
  schemaVersion: number;
  data: string;
  metadata: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/** A history entry plus the stream it belongs to (and, in a verifiable export, its chain columns). */
const toAuditEntry = (e: StoredEvent, chain?: ChainColumns, recommendation?: RecommendationLabel) => {
  const { position, ...rest } = toHistoryEntry(e);
  return { position, streamId: e.streamId, ...(recommendation ? { recommendation } : {}), ...rest, ...(chain ? { chain } : {}) };
};

export type AuditEntry = ReturnType<typeof toAuditEntry> & { chain?: ChainColumns };

/** A verifiable export's last lines (the review archive's event file ends the same way): its anchors, then what the file covers. */
export const trailerLines = (anchors: Anchor[], covers: { complete: boolean; upTo?: number; atHead?: boolean }): string =>
  [...anchors.map((anchor) => JSON.stringify({ anchor })), JSON.stringify({ export: covers })].join('\n') + '\n';

export const chainOf = (r: EventRow): ChainColumns => ({
  schemaVersion: Number(r.schema_version),
  data: r.data,
  metadata: r.metadata,
  recordedAt: r.recorded_at,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export const DEFAULT_AUDIT_PAGE = 100;

/**
 * A file to keep (csv, xlsx, and every file the auditor's page offers) holds every event the
 * filter picks unless a `limit` asks for a page: streamed page by page, as it is read. A file of
 * the first page only, with the rest named in a header no browser shows, looked complete and was not.
 */
export const wholeUnlessLimited = <F extends { limit?: number }>(filter: F): F => ({ ...filter, limit: filter.limit ?? EVERY_EVENT });

/** The limit of an answer that is every event the filter picks: it ends at the head as it is when asked. */
const EVERY_EVENT = Number.MAX_SAFE_INTEGER;

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
  /**
   * A verifiable export's last lines, read after its events: every anchor
   * up to its last position (`{"anchor": …}`), then `{"export": {"complete",
   * "upTo"}}`: complete when the file is every event from position 1 to upTo
   * (unfiltered, the first page), so a gap in it means events removed rather
   * than events filtered out.
   */
  trailer?: () => Promise<string>;
}

/** The events a filter picks, in position order; the API, its exports and the auditor's pages all read them here. */
export class AuditEventsQuery extends Query<AuditEventPages> {
  constructor(
    readonly filter: Omit<AuditEventsRequest, 'format'>,
    /** With each event's chain columns and the anchors after them: the NDJSON export, checked offline. */
    readonly verifiable = false,
  ) {
    super();
  }
}

/** What one read found: its events, and the position the next read goes on after. */
interface Page {
  events: StoredEvent[];
  readTo: number;
  chains: Map<number, ChainColumns> | null;
  /** The code and title of the recommendations whose events these are (not in a verifiable export, whose lines are the log's own). */
  labels: Map<string, RecommendationLabel>;
}

@QueryHandler(AuditEventsQuery)
export class AuditEventsHandler implements IQueryHandler<AuditEventsQuery> {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {}

  async execute({ filter: q, verifiable }: AuditEventsQuery): Promise<AuditEventPages> {
    // Parsed before the read is queued: nothing that can refuse the input runs inside the queue.
    const filter: EventFilter = { from: parseFrom(q.from) ?? undefined, to: parseAsOf(q.to, 'to') ?? undefined, actor: q.actor, type: q.type, streamId: q.streamId };
    const after = q.after ?? 0;
    const { nextAfter, upTo } = await this.answerEnd(filter, after, q.limit ?? DEFAULT_AUDIT_PAGE);
    const first = await this.page(filter, after, upTo, verifiable);
    if (!verifiable) return { nextAfter, pages: this.pages(filter, upTo, first, false) };
    // Complete: every event from position 1 to upTo, so a gap in it is a removed event (anchors past upTo are not this file's).
    const complete = after === 0 && !q.from && !q.to && !q.actor && !q.type && !q.streamId;
    const trailer = async () => {
      const anchors = (await this.db.read(readAnchors)).filter((a) => a.position <= upTo);
      // atHead: upTo was the log's end when asked, so an anchor past it (kept elsewhere) means events gone.
      return trailerLines(anchors, { complete, upTo, atHead: nextAfter === null });
    };
    return { nextAfter, pages: this.pages(filter, upTo, first, true), trailer };
  }

  /**
   * Where the answer ends: at the `limit`-th event the filter picks after
   * `after` (then more may follow), or else at the head as it was when asked.
   * Events appended while the answer is read come after that, so it holds
   * what it would have held read all at once. Counted window by window.
   */
  private async answerEnd(filter: EventFilter, after: number, limit: number): Promise<{ nextAfter: number | null; upTo: number }> {
    const head = await this.db.read((sql) => this.store.headPosition(sql));
    // Counting would read the whole log once before the answer reads it again.
    if (limit === EVERY_EVENT) return { nextAfter: null, upTo: head };
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
  private async page(filter: EventFilter, after: number, upTo: number, verifiable: boolean): Promise<Page> {
    const windowEnd = Math.min(after + AUDIT_SCAN_WINDOW, upTo);
    return this.db.read(async (sql) => {
      const events = await this.store.readAll(sql, { ...filter, after, upToPosition: windowEnd, limit: AUDIT_READ_PAGE });
      // The stored text, as hashed: parsed and written out again it need not be the same bytes.
      const rows =
        verifiable && events.length
          ? await sql.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position IN (${events.map(() => '?').join(', ')})`, events.map((e) => e.position))
          : null;
      const chains = rows ? new Map(rows.map((r) => [Number(r.position), chainOf(r)])) : null;
      const labels = verifiable ? new Map<string, RecommendationLabel>() : await readRecommendationLabels(sql, events.map((e) => e.streamId));
      return { events, chains, labels, readTo: events.length === AUDIT_READ_PAGE ? events[events.length - 1].position : windowEnd };
    });
  }

  private async *pages(filter: EventFilter, upTo: number, first: Page, verifiable: boolean): AsyncGenerator<AuditEntry[]> {
    let page = first;
    for (;;) {
      if (page.events.length > 0) yield page.events.map((e) => toAuditEntry(e, page.chains?.get(e.position), page.labels.get(e.streamId)));
      if (page.readTo >= upTo) return;
      await letOthersRun();
      page = await this.page(filter, page.readTo, upTo, verifiable);
    }
  }
}

/** All of an answer's events at once, for a page that shows them (a few dozen). */
export async function allEntries({ pages }: AuditEventPages): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const page of pages) entries.push(...page);
  return entries;
}
