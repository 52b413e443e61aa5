import { Injectable } from '@nestjs/common';
import { recorded } from '../event-store/command-runner';
import { Database, type Sql } from '../event-store/database';
import { EventStore } from '../event-store/event-store';
import type { StateProjection } from './projection';

/**
 * Reads a read model's states: now, from its table; as of a past instant, by
 * folding the log with the same `evolve` the read model was built with.
 */
@Injectable()
export class StateReader {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {}

  async current<S extends { version: number }>(projection: StateProjection<S>, where: Record<string, string | undefined> = {}): Promise<S[]> {
    return this.db.read((sql) => this.currentIn(sql, projection, where));
  }

  async currentIn<S extends { version: number }>(sql: Sql, projection: StateProjection<S>, where: Record<string, string | undefined> = {}): Promise<S[]> {
    const filters = Object.entries(where).filter(([, v]) => v !== undefined);
    const rows = await sql.query<{ state: string }>(
      `SELECT state FROM ${projection.table}${filters.length ? ` WHERE ${filters.map(([c]) => `${c} = ?`).join(' AND ')}` : ''}`,
      filters.map(([, v]) => v),
    );
    return rows.map((r) => JSON.parse(r.state) as S);
  }

  async one<S extends { version: number }>(projection: StateProjection<S>, id: string, asOf: string | null = null): Promise<S | null> {
    if (asOf) return (await this.asOf(projection, asOf, id))[0] ?? null;
    return (await this.current(projection, { id }))[0] ?? null;
  }

  /** Every state of this kind as it stood at `asOf` (only those that existed then). */
  async asOf<S extends { version: number }>(projection: StateProjection<S>, asOf: string, id?: string, sql?: Sql): Promise<S[]> {
    const read = async (s: Sql) =>
      this.store.readAll(s, id ? { streamId: projection.streamPrefix + id, to: asOf } : { streamPrefix: projection.streamPrefix, to: asOf });
    const events = sql ? await read(sql) : await this.db.read(read);
    const states = new Map<string, S>();
    for (const e of events) states.set(e.streamId, projection.evolve(states.get(e.streamId) ?? null, recorded(e)));
    return [...states.values()];
  }
}
