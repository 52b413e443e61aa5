import type { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import type { AppendSubscriber, EventStore, StoredEvent } from '../event-store/event-store';
import { recorded, type RecordedEvent } from '../event-store/command-runner';
import { LruCache } from '../kernel/lru-cache';
import { isRows, type ReadModel, type StateProjection, type TableRow } from './projection';

export interface RebuildProgress {
  projection: string;
  processed: number;
  total: number;
}

/**
 * The upsert of a row's columns, made once per shape and kept: a write upserts a handful of rows
 * in a few shapes, and the text made anew each time was 2.6% of the command path's profile (the
 * text, and hashing it again to find its prepared statement).
 */
const upsertSql = (() => {
  const made = new Map<string, string>();
  return (table: string, columns: string[], key: string[] = ['id'], unchanged: string[] = []): string => {
    const shape = `${table}|${columns.join(',')}|${key.join(',')}|${unchanged.join(',')}`;
    let sql = made.get(shape);
    if (sql === undefined) {
      const rest = columns.filter((c) => !key.includes(c) && !unchanged.includes(c));
      sql =
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
        `ON CONFLICT (${key.join(', ')}) DO ${rest.length ? `UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}` : 'NOTHING'}`;
      made.set(shape, sql);
    }
    return sql;
  };
})();

/** Parameters per statement when a rebuild inserts many rows at once: well under both databases' limits. */
const BULK_PARAMETERS = 10000;

/** Writes rows one upsert each: what an event changes is a handful of rows. */
export async function writeRows(tx: Sql, rows: TableRow[]): Promise<void> {
  for (const { table, key, row, unchanged } of rows) {
    const columns = Object.keys(row);
    await tx.query(upsertSql(table, columns, key, unchanged), columns.map((c) => row[c]));
  }
}

/** Inserts rows into emptied tables, many per statement: a rebuild writes every row once. */
async function insertRows(tx: Sql, rows: TableRow[]): Promise<void> {
  // Grouped by table and columns, compared column by column rather than as a string made for
  // every row, and the parameters gathered in one array: the rebuild writes a hundred thousand
  // rows in a handful of shapes, and this function went from 9% of its profile to 3%.
  const byTable = new Map<string, Array<{ columns: string[]; rows: TableRow[] }>>();
  for (const r of rows) {
    const columns = Object.keys(r.row);
    let shapes = byTable.get(r.table);
    if (!shapes) byTable.set(r.table, (shapes = []));
    const shape = shapes.find((s) => s.columns.length === columns.length && s.columns.every((c, i) => c === columns[i]));
    if (shape) shape.rows.push(r);
    else shapes.push({ columns, rows: [r] });
  }
  for (const [table, shapes] of byTable) {
    for (const { columns, rows: group } of shapes) {
      const perStatement = Math.max(1, Math.floor(BULK_PARAMETERS / columns.length));
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      for (let i = 0; i < group.length; i += perStatement) {
        const end = Math.min(i + perStatement, group.length);
        const params: unknown[] = [];
        for (let r = i; r < end; r++) for (const c of columns) params.push(group[r].row[c]);
        await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: end - i }, () => tuple).join(', ')}`, params);
      }
    }
  }
}

/** A row of the log as a fold reads it, its metadata parsed only by the events that record who acted (a progress note's author). */
function recordedOf(row: { type: string; data: string; metadata: string; occurred_at: string }): RecordedEvent {
  let actorEmail: string | undefined;
  return {
    type: row.type,
    data: JSON.parse(row.data),
    occurredAt: row.occurred_at,
    get actorEmail() {
      return (actorEmail ??= JSON.parse(row.metadata).actor.email as string);
    },
  };
}

/**
 * These read models have seen the log up to its head as this transaction sees it: after the inline
 * writes, or a rebuild that folded it all. One statement for all of them, the head read once: a
 * progress note moves two read models, and their checkpoints were two upserts each reading it.
 */
async function checkpointAtHead(tx: Sql, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await tx.query(
    `INSERT INTO projection_checkpoints (name, position) SELECT name, (SELECT COALESCE(MAX(position), 0) FROM events) FROM (${names.map(() => 'SELECT ? AS name').join(' UNION ALL ')}) AS moved ` +
      'WHERE true ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    names,
  );
}

/**
 * Keeps the read models. Inline: inside the append's transaction, so a read
 * after a write sees it. Rebuild: from position 0, folding in memory and
 * writing each row once, to the same rows the inline path wrote.
 */
export class Projector implements AppendSubscriber {
  /** The state last written per row; states are immutable, so sharing them is safe. */
  private readonly recent = new LruCache<string, { version: number }>(5000);
  /** The read models the writes of the transaction now under way changed: their checkpoints are written before its COMMIT. */
  private readonly moved = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    readonly projections: ReadModel[],
  ) {
    db.beforeCommit((tx) => this.checkpointMoved(tx));
  }

  async onAppended(tx: Sql, events: StoredEvent[]): Promise<void> {
    for (const projection of this.projections) {
      const mine = events.filter((e) => e.streamId.startsWith(projection.streamPrefix));
      if (mine.length === 0) continue;
      const byStream = new Map<string, StoredEvent[]>();
      for (const e of mine) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
      const changed: Array<{ before: { version: number } | null; after: { version: number } }> = [];
      for (const [streamId, streamEvents] of byStream) {
        const id = streamId.slice(projection.streamPrefix.length);
        const before = await this.load(tx, projection, id, streamEvents[0].version - 1);
        const after = streamEvents.map(recorded).reduce(projection.evolve, before);
        if (isRows(projection)) {
          await writeRows(tx, projection.inlineRows ? projection.inlineRows(before, after, tx.dialect) : projection.rows(before, after));
          changed.push({ before, after });
          this.recent.set(`${projection.name}/${id}`, projection.written(after));
        } else {
          await this.save(tx, projection, after);
          this.recent.set(`${projection.name}/${id}`, after);
        }
      }
      if (isRows(projection) && projection.settle) await projection.settle(tx, changed);
      this.moved.add(projection.name);
    }
  }

  /** The rows' states these events made were rolled back: the next write of those rows reads them from the table. */
  rolledBack(events: StoredEvent[]): void {
    for (const projection of this.projections) {
      for (const e of events) {
        if (e.streamId.startsWith(projection.streamPrefix)) this.recent.delete(`${projection.name}/${e.streamId.slice(projection.streamPrefix.length)}`);
      }
    }
  }

  /** Rebuilds the named read models (all by default) from position 0, in one transaction. */
  async rebuild(names?: string[], onProgress?: (p: RebuildProgress) => void): Promise<{ events: number; rows: number }> {
    const selected = this.projections.filter((p) => !names || names.includes(p.name));
    const unknown = (names ?? []).filter((n) => !this.projections.some((p) => p.name === n));
    if (unknown.length) throw new Error(`Unknown projection(s): ${unknown.join(', ')}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    return this.db.write(async (tx) => {
      const head = await this.store.headPosition(tx);
      // Read models that fold the same streams with the same fold share its states: the search
      // index and the recommendations both fold every recommendation event, which was twice the
      // parsing and the folding for the same states.
      const folds: Array<{ streamPrefix: string; evolve: ReadModel['evolve']; byId: Map<string, { version: number }> }> = [];
      const states = new Map<ReadModel, Map<string, { version: number }>>();
      for (const p of selected) {
        let fold = folds.find((f) => f.streamPrefix === p.streamPrefix && f.evolve === p.evolve);
        if (!fold) folds.push((fold = { streamPrefix: p.streamPrefix, evolve: p.evolve, byId: new Map() }));
        states.set(p, fold.byId);
      }
      let processed = 0;
      let after = 0;
      // Paged inside the write transaction: the log cannot move on while we read it.
      for (;;) {
        // Only the columns a fold needs: hashes and timestamps of recording are for verification.
        const rows = await tx.query<{ position: number | string; stream_id: string; type: string; data: string; metadata: string; occurred_at: string }>(
          'SELECT position, stream_id, type, data, metadata, occurred_at FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT 10000',
          [after, head],
        );
        if (rows.length === 0) break;
        for (const row of rows) {
          let event: RecordedEvent | undefined;
          for (const { streamPrefix, evolve, byId } of folds) {
            if (!row.stream_id.startsWith(streamPrefix)) continue;
            event ??= recordedOf(row);
            const id = row.stream_id.slice(streamPrefix.length);
            byId.set(id, evolve(byId.get(id) ?? null, event));
          }
        }
        processed += rows.length;
        after = Number(rows[rows.length - 1].position);
        onProgress?.({ projection: selected.map((p) => p.name).join(', '), processed, total: head });
      }
      let written = 0;
      for (const projection of selected) {
        const folded = [...states.get(projection)!.values()];
        if (isRows(projection)) {
          const refill = async () => {
            for (const table of projection.tables) await tx.query(`DELETE FROM ${table}`);
            await insertRows(tx, folded.flatMap((state) => projection.rows(null, state)));
          };
          await (projection.refilling ? projection.refilling(tx, refill) : refill());
          await projection.settle?.(tx, folded.map((after) => ({ before: null, after })));
          // Counted per stream, as for the other kind: what was rebuilt, not how many tables it spans.
          written += folded.length;
        } else {
          await tx.query(`DELETE FROM ${projection.table}`);
          for (const state of folded) {
            await this.save(tx, projection, state);
            written++;
          }
        }
        await checkpointAtHead(tx, [projection.name]);
      }

      return { events: processed, rows: written };
    });
  }

  /**
   * The row's state before these events. The state this process last wrote is used when its
   * version is exactly the one the events follow: a state from a rolled-back transaction, or
   * one another process has since moved past, has another version and is read from the table.
   */
  private async load(tx: Sql, projection: ReadModel, id: string, version: number): Promise<{ version: number } | null> {
    if (version === 0) return null;
    const cached = this.recent.get(`${projection.name}/${id}`);
    if (cached?.version === version) return cached;
    if (isRows(projection)) return projection.loadWritten(tx, id);
    const [row] = await tx.query<{ state: string }>(`SELECT state FROM ${projection.table} WHERE id = ?`, [id]);
    return row ? JSON.parse(row.state) : null;
  }

  private async save(tx: Sql, projection: StateProjection, state: unknown): Promise<void> {
    const row = projection.row(state);
    const columns = Object.keys(row);
    await tx.query(upsertSql(projection.table, columns), columns.map((c) => row[c]));
  }

  /**
   * The checkpoints of the read models this transaction's writes changed, once for all of them
   * (Database.beforeCommit): at the head of the log the transaction leaves, which these inline read
   * models have seen. Once a write, they were three upserts of every progress note; a batch of 25
   * notes on PostgreSQL sent 75 of them where one statement does. A write rolled back in its savepoint leaves its
   * read model marked: its checkpoint is then written at the head as it is, which is no less true.
   */
  private async checkpointMoved(tx: Sql): Promise<void> {
    const names = [...this.moved];
    this.moved.clear();
    await checkpointAtHead(tx, names);
  }
}
