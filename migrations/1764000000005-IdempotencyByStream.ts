import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An idempotent write is remembered by the stream it wrote and the versions it
 * took it from and to, no longer by the HTTP answer it gave: the write path
 * knows no HTTP, and a replay reads the state back from the stream. Keys
 * stored before are given their stream from the events that carry the key
 * (every event records its idempotency key and actor); `status_code` and
 * `response` stay for those old rows and are no longer read.
 */
export class IdempotencyByStream1764000000005 implements MigrationInterface {
  name = 'IdempotencyByStream1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE idempotency_keys ADD COLUMN stream_id VARCHAR(200)');
    await q.query('ALTER TABLE idempotency_keys ADD COLUMN first_version INTEGER');
    await findStreamsOfOldKeys(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE idempotency_keys DROP COLUMN first_version');
    await q.query('ALTER TABLE idempotency_keys DROP COLUMN stream_id');
  }
}

/** Gives each key stored without its stream the stream and version its write took, from the events that carry the key. */
export async function findStreamsOfOldKeys(q: QueryRunner): Promise<void> {
  const pg = q.connection.options.type === 'postgres';
  const keyOf = pg ? `(metadata::json->>'idempotencyKey')` : `json_extract(metadata, '$.idempotencyKey')`;
  const actorOf = pg ? `(metadata::json#>>'{actor,id}')` : `json_extract(metadata, '$.actor.id')`;
  const p = (n: number) => (pg ? `$${n}` : '?');
  const keys: Array<{ user_id: string; idem_key: string }> = await q.query('SELECT user_id, idem_key FROM idempotency_keys WHERE stream_id IS NULL');
  for (const { user_id, idem_key } of keys) {
    const [first]: Array<{ stream_id: string; stream_version: number | string }> = await q.query(
      `SELECT stream_id, stream_version FROM events WHERE ${keyOf} = ${p(1)} AND ${actorOf} = ${p(2)} ORDER BY position LIMIT 1`,
      [idem_key, user_id],
    );
    if (!first) continue;
    await q.query(`UPDATE idempotency_keys SET stream_id = ${p(1)}, first_version = ${p(2)} WHERE user_id = ${p(3)} AND idem_key = ${p(4)}`, [
      first.stream_id,
      Number(first.stream_version) - 1,
      user_id,
      idem_key,
    ]);
  }
}
