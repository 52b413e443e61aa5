import { recorded } from '../event-store/command-runner';
import { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import { EventStore } from '../event-store/event-store';
import { snapshotAsOf } from '../event-store/snapshots';
import { isRows, type ReadModel, type Where } from './projection';

/** Events read and folded at a time: each page is one turn of the event loop on the request path. */
const FOLD_PAGE = 2000;

/**
 * Reads a read model's states: now, from its table; as of a past instant, by
 * folding the log with the same `evolve` the read model was built with.
 *
 * No framework here (ProjectionsModule provides it with a factory): the report
 * worker thread folds with it, and a worker must not load @nestjs/common. That
 * is an ES module, loaded with require() from compiled CommonJS, and on Node 20
 * a worker stopped while it does so aborts the whole process (V8's "IsGraphAsync
 * must be used on an instantiated module"). .ci/dependency-cruiser.cjs holds the
 * worker's imports to that.
 */
export class StateReader {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {}

  async current<S extends { version: number }>(projection: ReadModel<S>, where: Where = {}): Promise<S[]> {
    return this.db.read((sql) => this.currentIn(sql, projection, where));
  }

  async currentIn<S extends { version: number }>(sql: Sql, projection: ReadModel<S>, where: Where = {}): Promise<S[]> {
    if (isRows(projection)) return projection.read(sql, where);
    const filters = Object.entries(where).filter(([, v]) => v !== undefined);
    const rows = await sql.query<{ state: string }>(
      `SELECT state FROM ${projection.table}${filters.length ? ` WHERE ${filters.map(([c]) => `${c} = ?`).join(' AND ')}` : ''}`,
      filters.map(([, v]) => v),
    );
    return rows.map((r) => JSON.parse(r.state) as S);
  }

  async one<S extends { version: number }>(projection: ReadModel<S>, id: string, asOf: string | null = null): Promise<S | null> {
    if (asOf) return (await this.asOf(projection, asOf, id))[0] ?? null;
    return (await this.current(projection, { id }))[0] ?? null;
  }

  /** Whether anything of this kind (of this one, given `id`) happened after `asOf`: if not, the read model is exactly what a fold to then would give. */
  async changedAfter(sql: Sql, projection: ReadModel<{ version: number }>, asOf: string, id?: string): Promise<boolean> {
    const [later] = await sql.query('SELECT position FROM events WHERE occurred_at > ? AND stream_id LIKE ? LIMIT 1', [asOf, id ? projection.streamPrefix + id : `${projection.streamPrefix}%`]);
    return later !== undefined;
  }

  /**
   * Every state of this kind as it stood at `asOf`, and each one that came later as it first stood:
   * what a report as of `asOf` names things by (a cycle's milestones, the units). Later changes
   * change none of it, so a report made again gives the same bytes; a unit or cycle made after
   * the instant (a cycle planned after its first period ended) still has its first name.
   */
  async asOfOrFirst<S extends { version: number; id: string }>(sql: Sql, projection: ReadModel<S>, asOf: string, id?: string): Promise<S[]> {
    const then = await this.asOf(projection, asOf, id, sql);
    const known = new Set(then.map((s) => s.id));
    const firsts = await this.store.readAll(sql, { ...(id ? { streamId: projection.streamPrefix + id } : { streamPrefix: projection.streamPrefix }), beforeVersion: 2, from: asOf });
    const later = firsts.map((e) => projection.evolve(null, recorded(e))).filter((s) => !known.has(s.id));
    return [...then, ...later];
  }

  /** Each state one (short) stream passed through after `start`, its state at some instant (null: before it existed), in order. */
  async statesAfter<S extends { version: number }>(sql: Sql, projection: ReadModel<S>, id: string, start: S | null): Promise<S[]> {
    const states: S[] = [];
    let state = start;
    for (const e of await this.store.readAll(sql, { streamId: projection.streamPrefix + id })) {
      if (e.version <= (start?.version ?? 0)) continue;
      state = projection.evolve(state, recorded(e));
      states.push(state);
    }
    return states;
  }

  /**
   * Every state of this kind as it stood at `asOf` (only those that existed then). Given `sql`, in
   * that one transaction (the report worker's snapshot). Otherwise on the request loop: the log is
   * read a page at a time, each page a read of its own up to the head the first read saw, with a turn
   * of the event loop between pages, so other requests (and the writes queued on SQLite's one
   * connection) go on meanwhile. The log is append-only and its positions gapless in commit order, so
   * the pages up to that head are the same events one snapshot would give. Before, the whole fold was
   * one turn: a list as of a past day over 72,000 events held every other request for 0.5–0.9 s.
   */
  async asOf<S extends { version: number }>(projection: ReadModel<S>, asOf: string, id?: string, sql?: Sql): Promise<S[]> {
    const read = <T>(fn: (s: Sql) => Promise<T>): Promise<T> => (sql ? fn(sql) : this.db.read(fn));
    const streamId = id ? projection.streamPrefix + id : null;
    const begun = await read(async (s) => {
      if (!(await this.changedAfter(s, projection, asOf, id))) return { now: await this.currentIn(s, projection, id ? { id } : {}), start: null, head: 0 };
      // One stream: from its nearest snapshot at or before asOf, so a long stream costs one row and at most a snapshot interval of events.
      const start = streamId && projection.snapshotSchema !== undefined ? await snapshotAsOf<S>(s, streamId, projection.snapshotSchema, asOf) : null;
      const [head] = await s.query<{ position: number | string | null }>('SELECT MAX(position) AS position FROM events');
      return { now: null, start, head: Number(head.position ?? 0) };
    });
    if (begun.now) return begun.now;
    const { start, head } = begun;
    const states = new Map<string, S>();
    if (start) states.set(streamId!, start.state);
    const fromVersion = start?.version ?? 0;
    const filter = { ...(streamId ? { streamId } : { streamPrefix: projection.streamPrefix }), to: asOf, upToPosition: head, limit: FOLD_PAGE };
    // Page by page, so only the states are held, never the whole log.
    for (let after = start?.position ?? 0; ; ) {
      const page = await read((s) => this.store.readAll(s, { ...filter, after }));
      for (const e of page) {
        if (e.version > fromVersion) states.set(e.streamId, projection.evolve(states.get(e.streamId) ?? null, recorded(e)));
      }
      if (page.length < FOLD_PAGE) break;
      after = page[page.length - 1].position;
      if (!sql) await new Promise((resolve) => setImmediate(resolve));
    }
    return [...states.values()];
  }
}
