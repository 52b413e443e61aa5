import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import { CoalescingLoop } from '../kernel/coalescing-loop';

/**
 * SQLite's full-text index (search_fts, FTS5 over search_entries' stems) follows
 * the entries in batches, not in the append's transaction: `search_fts_indexed.upto`
 * is the highest entry it holds (migrations/1764000000021). A search brings the
 * index up to date before it reads, so it finds every entry written before it;
 * between searches the index is brought up every INDEX_INTERVAL_MS, so that work
 * stays small.
 *
 * Why: FTS5 writes a new segment of its index at every commit that touched it
 * and merges segments as they pile up, which made the full-text index the
 * biggest part of a progress note's commit. Measured on the core bench's
 * command path (single progress notes, each its own transaction, synchronous
 * FULL, 2-core machine): with the index in the transaction 861 commands/s and
 * 20.3 pages to the WAL per command (4.9 of them the index's); without, 1,406.
 * Entries are written in the append's transaction as before, so nothing a
 * crash could lose is held only here: the next batch indexes what is missing.
 *
 * PostgreSQL keeps its own index (a stored tsvector under a GIN index) in the
 * transaction: none of this runs there.
 */

const INDEX_INTERVAL_MS = 2_000;
/** Entries indexed per transaction: a log restored without its index is caught up in steps the other writers can pass between. */
const BATCH = 5_000;

/** Entries not yet in the index, oldest first. */
const NOT_INDEXED = 'SELECT entry_id, stems FROM search_entries WHERE entry_id > (SELECT upto FROM search_fts_indexed) ORDER BY entry_id';

/** Indexes up to BATCH entries not yet in the index; resolves with how many it indexed. */
export async function indexNewEntries(tx: Sql): Promise<number> {
  const [{ last, n }] = await tx.query<{ last: number | null; n: number }>(`SELECT MAX(entry_id) AS last, COUNT(*) AS n FROM (${NOT_INDEXED} LIMIT ${BATCH})`);
  if (n === 0) return 0;
  await tx.query(`INSERT INTO search_fts (rowid, stems) SELECT entry_id, stems FROM (${NOT_INDEXED}) WHERE entry_id <= ?`, [last]);
  await tx.query('UPDATE search_fts_indexed SET upto = ?', [last]);
  return n;
}

/** After the index was built from every entry at once (a rebuild's FTS5 'rebuild'): it holds them all. */
export async function markAllIndexed(tx: Sql): Promise<void> {
  await tx.query('UPDATE search_fts_indexed SET upto = (SELECT COALESCE(MAX(entry_id), 0) FROM search_entries)');
}

@Injectable()
export class SearchIndex implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: CoalescingLoop;

  constructor(private readonly db: Database) {
    this.loop = new CoalescingLoop({ what: 'Search index paused', pass: () => this.upToDate(), intervalMs: INDEX_INTERVAL_MS, logger: new Logger('SearchIndex') });
  }

  onApplicationBootstrap(): void {
    if (this.db.dialect === 'sqlite') this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /**
   * Every entry committed before this call is in the index when it resolves (at once on PostgreSQL).
   * Asked with a read first: an index already up to date takes no write lock, which another process
   * (a worker, a rebuild) may be holding; the write asks again under the lock.
   */
  async upToDate(): Promise<void> {
    if (this.db.dialect !== 'sqlite') return;
    const [{ behind }] = await this.db.query<{ behind: number }>(`SELECT EXISTS (${NOT_INDEXED}) AS behind`);
    if (!behind) return;
    while ((await this.db.write(indexNewEntries)) === BATCH);
  }
}
