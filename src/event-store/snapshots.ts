import type { Sql } from './sql';

/**
 * How an aggregate's folded state is kept between writes: every `every`
 * versions the runner stores the state it just folded, under the schema
 * version of its shape. A snapshot is a cache of the log, never the truth:
 * one of another schema version is ignored (and the stream folded from the
 * start), and the table can be emptied at any time (`npm run
 * projections:rebuild` does, and writes make them again).
 */
export interface SnapshotPolicy {
  /** Raise it whenever the state's shape changes: older snapshots are then skipped, not misread. */
  schemaVersion: number;
  every: number;
}

export interface Snapshot<S> {
  state: S;
  version: number;
  /** The global position of the stream's event at `version`: a fold from the snapshot reads after it. */
  position: number;
}

type Row = { state: string; version: number | string; position: number | string };

const parse = <S>(row: Row | undefined): Snapshot<S> | null =>
  row ? { state: JSON.parse(row.state) as S, version: Number(row.version), position: Number(row.position) } : null;

/** The newest snapshot of the stream in this shape, at or below `atMost` versions when given. */
export async function latestSnapshot<S>(sql: Sql, streamId: string, schemaVersion: number, atMost?: number): Promise<Snapshot<S> | null> {
  const [row] = await sql.query<Row>(
    `SELECT state, version, position FROM snapshots WHERE stream_id = ? AND schema_version = ?${atMost === undefined ? '' : ' AND version <= ?'} ORDER BY version DESC LIMIT 1`,
    atMost === undefined ? [streamId, schemaVersion] : [streamId, schemaVersion, atMost],
  );
  return parse<S>(row);
}

/** The newest snapshot of the stream in this shape whose last event happened at or before `asOf`. */
export async function snapshotAsOf<S>(sql: Sql, streamId: string, schemaVersion: number, asOf: string): Promise<Snapshot<S> | null> {
  const [row] = await sql.query<Row>(
    'SELECT state, version, position FROM snapshots WHERE stream_id = ? AND schema_version = ? AND occurred_at <= ? ORDER BY version DESC LIMIT 1',
    [streamId, schemaVersion, asOf],
  );
  return parse<S>(row);
}

/** Whether a write that took the stream from `from` to `to` versions passed a multiple of `every`. */
export const snapshotDue = (policy: SnapshotPolicy, from: number, to: number): boolean =>
  Math.floor(to / policy.every) > Math.floor(from / policy.every);

/** Stores the state the stream reached at `version`, whose last event happened at `occurredAt`. */
export async function saveSnapshot(sql: Sql, streamId: string, policy: SnapshotPolicy, snapshot: Snapshot<unknown>, occurredAt: string): Promise<void> {
  await sql.query('INSERT INTO snapshots (stream_id, version, schema_version, state, occurred_at, position) VALUES (?, ?, ?, ?, ?, ?)', [
    streamId,
    snapshot.version,
    policy.schemaVersion,
    JSON.stringify(snapshot.state),
    occurredAt,
    snapshot.position,
  ]);
}
