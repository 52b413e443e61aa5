import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import { CoalescingLoop } from '../kernel/coalescing-loop';
import { writeRows } from '../projections/projector';
import { entryRow, noteEntry } from './search-entries';

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
 * A progress note's entry itself is not written in the append's transaction
 * either: the batch first copies the notes rm_action_updates holds beyond
 * `search_fts_indexed.notes_upto` (its rowid) into search_entries, with their
 * stems, then indexes (search.projection.ts says what that saved). The note is
 * in rm_action_updates, written in the append's transaction, so nothing is lost
 * here either. A rebuild writes every note's entry itself, and emptying
 * rm_action_updates (a rebuild numbers its rows anew) sets the cursor back to 0
 * (migrations/1764000000022): a note already there is then passed over.
 *
 * PostgreSQL keeps its own index (a stored tsvector under a GIN index) and the
 * notes' entries in the transaction: none of this runs there.
 */

const INDEX_INTERVAL_MS = 2_000;
/** Entries indexed per transaction: a log restored without its index is caught up in steps the other writers can pass between. */
const BATCH = 5_000;
/**
 * Progress notes copied per transaction. A note's copy is its stems and its row, 17–20 µs, all
 * of it on the event loop (better-sqlite3 answers at once): 2,400 notes, two seconds of the HTTP
 * bench's writes, were one step that held every request for 41–44 ms. The other writes' batches
 * go between these steps; the notes are indexed once all are copied, in one FTS5 segment as before.
 */
const NOTES_PER_STEP = 250;

/** Entries not yet in the index, oldest first. */
const NOT_INDEXED = 'SELECT entry_id, stems FROM search_entries WHERE entry_id > (SELECT upto FROM search_fts_indexed) ORDER BY entry_id';

/** Progress notes whose entries the batches have not yet copied, oldest first. */
const NOTES_NOT_COPIED = 'SELECT rowid AS note_row FROM rm_action_updates WHERE rowid > (SELECT notes_upto FROM search_fts_indexed) ORDER BY rowid';

/** Indexes up to BATCH entries not yet in the index; resolves with how many it indexed. */
async function indexNewEntries(tx: Sql): Promise<number> {
  const [{ last, n }] = await tx.query<{ last: number | null; n: number }>(`SELECT MAX(entry_id) AS last, COUNT(*) AS n FROM (${NOT_INDEXED} LIMIT ${BATCH})`);
  if (n === 0) return 0;
  await tx.query(`INSERT INTO search_fts (rowid, stems) SELECT entry_id, stems FROM (${NOT_INDEXED}) WHERE entry_id <= ?`, [last]);
  await tx.query('UPDATE search_fts_indexed SET upto = ?', [last]);
  return n;
}

/**
 * Copies up to NOTES_PER_STEP progress notes not yet passed into search_entries, those it holds
 * already (a rebuild wrote them) passed over; resolves with how many notes it passed.
 */
async function copyNewNotes(tx: Sql): Promise<number> {
  const notes = await tx.query<{ note_row: number; recommendation_id: string; action_id: string; seq: number | string; note: string; retracted_at: string | null; copied: number }>(
    'SELECT u.rowid AS note_row, u.recommendation_id, u.action_id, u.seq, u.note, u.retracted_at, ' +
      "EXISTS (SELECT 1 FROM search_entries s WHERE s.recommendation_id = u.recommendation_id AND s.kind = 'note' AND s.action_id = u.action_id AND s.seq = u.seq) AS copied " +
      `FROM rm_action_updates u WHERE u.rowid IN (${NOTES_NOT_COPIED} LIMIT ${NOTES_PER_STEP}) ORDER BY u.rowid`,
  );
  if (notes.length === 0) return 0;
  await writeRows(
    tx,
    notes.filter((n) => !n.copied).map((n) => entryRow(noteEntry(n.recommendation_id, n.action_id, Number(n.seq), n.note, n.retracted_at !== null))),
  );
  await tx.query('UPDATE search_fts_indexed SET notes_upto = ?', [notes[notes.length - 1].note_row]);
  return notes.length;
}

/** One step: notes' entries copied, or once none are left to copy, the entries indexed; resolves with whether more are left. */
async function followEntries(tx: Sql): Promise<boolean> {
  if ((await copyNewNotes(tx)) === NOTES_PER_STEP) return true;
  return (await indexNewEntries(tx)) === BATCH;
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
   * Every entry committed before this call, and every progress note, is in the index when it resolves (at once on PostgreSQL).
   * Asked with a read first: an index already up to date takes no write lock, which another process
   * (a worker, a rebuild) may be holding; the write asks again under the lock.
   */
  async upToDate(): Promise<void> {
    if (this.db.dialect !== 'sqlite') return;
    const [{ behind }] = await this.db.query<{ behind: number }>(`SELECT EXISTS (${NOT_INDEXED}) OR EXISTS (${NOTES_NOT_COPIED}) AS behind`);
    if (!behind) return;
    while (await this.db.write(followEntries));
  }
}
