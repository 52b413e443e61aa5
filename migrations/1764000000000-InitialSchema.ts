import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log, the read models, users, idempotency keys and the outbox.
 * The events table is append-only: triggers refuse UPDATE and DELETE (and, on
 * PostgreSQL, TRUNCATE), whoever asks.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    // Positions are assigned by the store under its write lock, never by a sequence,
    // so they are gapless and in commit order. AUTOINCREMENT on SQLite keeps a
    // position from ever being reused even if the newest row could be removed.
    await q.query(`CREATE TABLE events (
      position ${pg ? 'BIGINT PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
      stream_id VARCHAR(200) NOT NULL,
      stream_version INTEGER NOT NULL,
      type VARCHAR(100) NOT NULL,
      schema_version INTEGER NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      occurred_at VARCHAR(30) NOT NULL,
      recorded_at VARCHAR(30) NOT NULL,
      prev_hash CHAR(64) NOT NULL,
      hash CHAR(64) NOT NULL,
      CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
    )`);
    await q.query('CREATE INDEX events_type ON events (type, position)');
    await q.query('CREATE INDEX events_occurred_at ON events (occurred_at)');
    if (pg) {
      await q.query(`CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'events are append-only: % refused', TG_OP; END $$`);
      await q.query(
        'CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()',
      );
      await q.query(
        'CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()',
      );
    } else {
      await q.query(`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END`);
      await q.query(`CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END`);
    }

    await q.query(`CREATE TABLE projection_checkpoints (
      name VARCHAR(100) PRIMARY KEY,
      position BIGINT NOT NULL
    )`);
    await q.query(`CREATE TABLE rm_reviews (
      id VARCHAR(36) PRIMARY KEY,
      reviewed_on VARCHAR(10) NOT NULL,
      title TEXT NOT NULL,
      state TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE rm_recommendations (
      id VARCHAR(36) PRIMARY KEY,
      review_id VARCHAR(36) NOT NULL,
      code VARCHAR(50) NOT NULL,
      status VARCHAR(30) NOT NULL,
      responsible_unit VARCHAR(100) NOT NULL,
      state TEXT NOT NULL,
      CONSTRAINT rm_recommendations_code_unique UNIQUE (review_id, code)
    )`);
    await q.query(`CREATE TABLE rm_cycles (
      id VARCHAR(36) PRIMARY KEY,
      year INTEGER NOT NULL,
      name TEXT NOT NULL,
      state TEXT NOT NULL
    )`);

    await q.query(`CREATE TABLE users (
      id VARCHAR(36) PRIMARY KEY,
      email VARCHAR(320) NOT NULL UNIQUE,
      name TEXT NOT NULL,
      role VARCHAR(20) NOT NULL,
      unit VARCHAR(100),
      language VARCHAR(2) NOT NULL DEFAULT 'sv',
      password_hash TEXT NOT NULL,
      created_at VARCHAR(30) NOT NULL
    )`);
    await q.query(`CREATE TABLE units (
      id VARCHAR(100) PRIMARY KEY,
      name TEXT NOT NULL,
      name_en TEXT
    )`);

    // The first response to a write with an Idempotency-Key, stored in the
    // same transaction as its events so a replay can never append twice.
    await q.query(`CREATE TABLE idempotency_keys (
      user_id VARCHAR(36) NOT NULL,
      idem_key VARCHAR(200) NOT NULL,
      request_hash CHAR(64) NOT NULL,
      status_code INTEGER NOT NULL,
      response TEXT NOT NULL,
      version INTEGER,
      created_at VARCHAR(30) NOT NULL,
      PRIMARY KEY (user_id, idem_key)
    )`);

    // Work for the queue, written in the same transaction as the events that
    // caused it, and relayed to BullMQ when Redis can be reached.
    await q.query(`CREATE TABLE outbox (
      id ${pg ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
      job_id VARCHAR(300) NOT NULL UNIQUE,
      kind VARCHAR(50) NOT NULL,
      payload TEXT NOT NULL,
      run_at VARCHAR(30) NOT NULL,
      created_at VARCHAR(30) NOT NULL,
      relayed_at VARCHAR(30)
    )`);
    await q.query('CREATE INDEX outbox_pending ON outbox (relayed_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'idempotency_keys', 'units', 'users', 'rm_cycles', 'rm_recommendations', 'rm_reviews', 'projection_checkpoints']) {
      await q.query(`DROP TABLE ${table}`);
    }
    // The events table is kept: an event log is never dropped by a migration.
  }
}
