import type { Clock } from '../kernel/clock';
import { DomainError } from '../kernel/domain-error';
import type { Database } from './database';
import type { Sql } from './sql';
import { GENESIS_HASH, chainHash } from './event-hash';

export interface EventActor {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface EventMetadata {
  actor: EventActor;
  unit: string | null;
  reason: string | null;
  correlationId: string;
  causationId: string | null;
  idempotencyKey: string | null;
}

export interface NewEvent {
  type: string;
  data: unknown;
}

export interface StoredEvent<D = any> {
  position: number;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/**
 * What the stream must look like for an append to go ahead: any state, no
 * stream yet, or exactly this many events.
 */
export type ExpectedVersion = 'any' | 'no_stream' | number;

export class ConcurrencyError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super('precondition_failed', `Stream ${streamId} is at version ${actual}, expected ${expected === 'no_stream' ? 'no stream' : expected}`);
  }
}

/** Subscribers run inside the append's transaction: inline projections, the outbox. */
export interface AppendSubscriber {
  onAppended(tx: Sql, events: StoredEvent[]): Promise<void>;
}

/**
 * When a subscriber runs inside an append, in this order: first the read
 * models, then the reactions that read them (the reminder planner plans from
 * the state the read models just wrote). Within a phase, in the order of
 * subscription. Each module subscribes its own; the store knows none of them.
 */
export const APPEND_PHASES = ['read-models', 'reactions'] as const;
export type AppendPhase = (typeof APPEND_PHASES)[number];

/** Schema version of every event type written today; an upcaster comes with the first version 2. */
const CURRENT_SCHEMA_VERSION = 1;

interface EventRow {
  position: number | string;
  stream_id: string;
  stream_version: number | string;
  type: string;
  schema_version: number | string;
  data: string;
  metadata: string;
  occurred_at: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

const COLUMNS =
  'position, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash';

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: Number(row.position),
    streamId: row.stream_id,
    version: Number(row.stream_version),
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface EventFilter {
  after?: number;
  limit?: number;
  from?: string;
  to?: string;
  streamId?: string;
  streamPrefix?: string;
  type?: string;
  /** Any of these types. */
  types?: readonly string[];
  actor?: string;
  upToPosition?: number;
}

/** The WHERE clause (with its leading space, or empty) a filter makes, and its parameters. */
function whereOf(filter: EventFilter): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (filter.after !== undefined) add('position > ?', filter.after);
  if (filter.upToPosition !== undefined) add('position <= ?', filter.upToPosition);
  if (filter.from) add('occurred_at >= ?', filter.from);
  if (filter.to) add('occurred_at <= ?', filter.to);
  if (filter.streamId) add('stream_id = ?', filter.streamId);
  if (filter.streamPrefix) add('stream_id LIKE ?', `${filter.streamPrefix}%`);
  if (filter.type) add('type = ?', filter.type);
  if (filter.types) {
    where.push(filter.types.length ? `type IN (${filter.types.map(() => '?').join(', ')})` : '1 = 0');
    params.push(...filter.types);
  }
  if (filter.actor) {
    // metadata is JSON text on both databases; match the actor's id or email exactly.
    where.push('(metadata LIKE ? OR metadata LIKE ?)');
    params.push(`%"id":${JSON.stringify(filter.actor)}%`, `%"email":${JSON.stringify(filter.actor)}%`);
  }
  return { where: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * The append-only event log. Appends happen inside a `Database.write`
 * transaction; the caller decides what to append, the store checks the
 * expected version, chains the hashes and hands the stored events to its
 * subscribers in the same transaction.
 */
export class EventStore {
  private readonly subscribers: Record<AppendPhase, AppendSubscriber[]> = { 'read-models': [], reactions: [] };

  constructor(
    readonly db: Database,
    private readonly clock: Clock,
  ) {}

  subscribe(subscriber: AppendSubscriber, phase: AppendPhase): void {
    this.subscribers[phase].push(subscriber);
  }

  async streamVersion(tx: Sql, streamId: string): Promise<number> {
    const [row] = await tx.query<{ v: number | string | null }>(
      'SELECT MAX(stream_version) AS v FROM events WHERE stream_id = ?',
      [streamId],
    );
    return Number(row?.v ?? 0);
  }

  async readStream(tx: Sql, streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    const rows = await tx.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_version > ? ORDER BY stream_version`,
      [streamId, afterVersion],
    );
    return rows.map(toStoredEvent);
  }

  async append(
    tx: Sql,
    streamId: string,
    events: NewEvent[],
    options: { expectedVersion: ExpectedVersion; metadata: EventMetadata },
  ): Promise<StoredEvent[]> {
    const current = await this.streamVersion(tx, streamId);
    const { expectedVersion } = options;
    if (
      (expectedVersion === 'no_stream' && current !== 0) ||
      (typeof expectedVersion === 'number' && expectedVersion !== current)
    ) {
      throw new ConcurrencyError(streamId, expectedVersion, current);
    }
    if (events.length === 0) return [];

    const [head] = await tx.query<{ position: number | string; hash: string }>(
      'SELECT position, hash FROM events ORDER BY position DESC LIMIT 1',
    );
    let position = Number(head?.position ?? 0);
    let prevHash = head?.hash ?? GENESIS_HASH;
    const occurredAt = this.clock.nowIso();
    const recordedAt = new Date().toISOString();
    const metadata = JSON.stringify(options.metadata);
    const stored: StoredEvent[] = [];

    for (const [i, event] of events.entries()) {
      position += 1;
      const columns = {
        position,
        streamId,
        version: current + i + 1,
        type: event.type,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        data: JSON.stringify(event.data),
        metadata,
        occurredAt,
        recordedAt,
      };
      const hash = chainHash(prevHash, columns);
      await tx.query(
        `INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          columns.position,
          columns.streamId,
          columns.version,
          columns.type,
          columns.schemaVersion,
          columns.data,
          columns.metadata,
          columns.occurredAt,
          columns.recordedAt,
          prevHash,
          hash,
        ],
      );
      stored.push({ ...columns, data: event.data, metadata: options.metadata, prevHash, hash });
      prevHash = hash;
    }
    for (const phase of APPEND_PHASES) {
      for (const subscriber of this.subscribers[phase]) await subscriber.onAppended(tx, stored);
    }
    return stored;
  }

  /** Events in position order, filtered and paged by position. */
  async readAll(sql: Sql, filter: EventFilter = {}): Promise<StoredEvent[]> {
    const { where, params } = whereOf(filter);
    const limit = filter.limit !== undefined ? ` LIMIT ${Math.floor(filter.limit)}` : '';
    const rows = await sql.query<EventRow>(`SELECT ${COLUMNS} FROM events${where} ORDER BY position${limit}`, params);
    return rows.map(toStoredEvent);
  }

  /**
   * The position of the n-th event (from 1) the filter picks, or null when it
   * picks fewer: where a page of n ends, known before any of it is read (an
   * export streams its rows but must say in its headers whether more follow).
   */
  async nthPosition(sql: Sql, filter: Omit<EventFilter, 'limit'>, n: number): Promise<number | null> {
    const { where, params } = whereOf(filter);
    const [row] = await sql.query<{ position: number | string }>(
      `SELECT position FROM events${where} ORDER BY position LIMIT 1 OFFSET ${Math.floor(n) - 1}`,
      params,
    );
    return row ? Number(row.position) : null;
  }

  async headPosition(sql: Sql): Promise<number> {
    const [row] = await sql.query<{ p: number | string | null }>('SELECT MAX(position) AS p FROM events');
    return Number(row?.p ?? 0);
  }
}
