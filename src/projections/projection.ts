import type { RecordedEvent } from '../event-store/command-runner';
import type { Dialect, Sql } from '../event-store/sql';

/**
 * A read model with one row per stream: the folded state as JSON, plus the
 * columns its queries filter on. Reviews and cycles are of this kind: their
 * states stay small, so writing the whole row again costs nothing.
 */
export interface StateProjection<S extends { version: number } = any> {
  kind?: 'state';
  /** The checkpoint's name. */
  name: string;
  table: string;
  streamPrefix: string;
  evolve(state: S | null, event: RecordedEvent): S;
  /** The row to store: `id` and `state` plus any filter columns. */
  row(state: S): Record<string, string | number | null>;
  /** The schema version of its states' snapshots, when the write path keeps them: asOf of one stream starts from one. */
  snapshotSchema?: number;
}

/** One row of a rows projection: written with an upsert on its key columns. */
export interface TableRow {
  table: string;
  key: string[];
  row: Record<string, string | number | null>;
  /**
   * Columns a stored row already holds with these values: left out of the upsert's update, so
   * SQLite does not rewrite the indexes over them (it rewrites an index whose column is set, to
   * the same value or not). A progress note rewrote two of rm_recommendations' index pages: the
   * pages its commit writes to the WAL went from 23.0 to 20.9 (2,000 notes of the bench).
   */
  unchanged?: string[];
}

/** Filters on a read model's columns; undefined values filter nothing. */
export type Where = Record<string, string | undefined>;

/**
 * A read model kept as rows of several tables, changed row by row: an event
 * inserts or updates only the rows it touches (a progress note is one new row),
 * so a write costs the same whether the stream holds ten events or ten
 * thousand. The projector keeps the last *written* state of a stream in
 * memory, which leaves out what only grows (the notes, already in their rows),
 * and folds the next events onto it.
 */
export interface RowsProjection<S extends { version: number } = any> {
  kind: 'rows';
  /** The checkpoint's name. */
  name: string;
  streamPrefix: string;
  /** Its tables, children first: the order a rebuild empties them in. */
  tables: string[];
  /** The domain's fold; asOf reads fold the log with it. */
  evolve(state: S | null, event: RecordedEvent): S;
  /** The schema version of its states' snapshots, when the write path keeps them: asOf of one stream starts from one. */
  snapshotSchema?: number;
  /** The rows `after` adds or changes compared with `before`, the written state it was folded from (null: every row). */
  rows(before: S | null, after: S): TableRow[];
  /**
   * The rows an append writes in its transaction, where some of `rows` follow after the commit
   * instead (the search's note entries on SQLite, search-index.ts); `rows` when absent. A rebuild
   * writes all of `rows`.
   */
  inlineRows?(before: S | null, after: S, dialect: Dialect): TableRow[];
  /** `after` once its rows are written: what the next events are folded onto. */
  written(after: S): S;
  /** The written state of one stream, read back from its rows (what `written` gave), or null. */
  loadWritten(sql: Sql, id: string): Promise<S | null>;
  /** Whole states, everything included, for readers that need the domain's state (StateReader.current). */
  read(sql: Sql, where: Where): Promise<S[]>;
  /**
   * Around a rebuild's emptying and refilling of its tables (`refill`), where it keeps more than
   * its rows up to date a faster way than row by row (the search index's full-text index).
   */
  refilling?(sql: Sql, refill: () => Promise<void>): Promise<void>;
  /** After rows were written for these streams (`before` null: new ones), the work that spans rows (an order among siblings). */
  settle?(sql: Sql, changed: Array<{ before: S | null; after: S }>): Promise<void>;
}

/** Every kind of read model the projector keeps. */
export type ReadModel<S extends { version: number } = any> = StateProjection<S> | RowsProjection<S>;

export const isRows = <S extends { version: number }>(p: ReadModel<S>): p is RowsProjection<S> => p.kind === 'rows';
