import type { HashedColumns } from './event-hash';

/** An event as its row is read: numbers may come back as text (PostgreSQL's bigint), JSON is the stored text. */
export interface EventRow {
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

/** Every column of `events`, in the order an insert lists them. */
export const EVENT_COLUMNS =
  'position, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash';

/** What the row's hash covers, as stored: a hash is recomputed from the stored text, never from parsed and re-serialised JSON. */
export const hashedColumnsOf = (row: EventRow): HashedColumns => ({
  position: Number(row.position),
  streamId: row.stream_id,
  version: Number(row.stream_version),
  type: row.type,
  schemaVersion: Number(row.schema_version),
  data: row.data,
  metadata: row.metadata,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
});
