import { recorded } from '../event-store/command-runner';
import { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import { EventStore } from '../event-store/event-store';
import { snapshotAsOf } from '../event-store/snapshots';
import { isRows, type ReadModel, type Where } from './projection';

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

  /** Every state of this kind as it stood at `asOf` (only those that existed then). */
  async asOf<S extends { version: number }>(projection: ReadModel<S>, asOf: string, id?: string, sql?: Sql): Promise<S[]> {
    const fold = async (s: Sql) => {
      // Nothing of this kind happened after asOf: the read model is exactly what a fold would give.
      const [later] = await s.query('SELECT position FROM events WHERE occurred_at > ? AND stream_id LIKE ? LIMIT 1', [
        asOf,
        id ? projection.streamPrefix + id : `${projection.streamPrefix}%`,
      ]);
      if (!later) return this.currentIn(s, projection, id ? { id } : {});
      const states = new Map<string, S>();
      const filter = id ? { streamId: projection.streamPrefix + id, to: asOf } : { streamPrefix: projection.streamPrefix, to: asOf };
      // One stream: from its nearest snapshot at or before asOf, so a long stream costs one row and at most a snapshot interval of events.
      const start = id && projection.snapshotSchema !== undefined ? await snapshotAsOf<S>(s, projection.streamPrefix + id, projection.snapshotSchema, asOf) : null;
      if (start) states.set(projection.streamPrefix + id, start.state);
      const fromVersion = start?.version ?? 0;
      // Page by page, so only the states are held, never the whole log.
      for (let after = start?.position ?? 0; ; ) {
        const page = await this.store.readAll(s, { ...filter, after, limit: 5000 });
        for (const e of page) {
          if (e.version > fromVersion) states.set(e.streamId, projection.evolve(states.get(e.streamId) ?? null, recorded(e)));
        }
        if (page.length < 5000) break;
        after = page[page.length - 1].position;
      }
      return [...states.values()];
    };
    return sql ? fold(sql) : this.db.read(fold);
  }
}
