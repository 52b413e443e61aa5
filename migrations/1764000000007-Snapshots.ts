import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Folded states kept every so many versions of a stream, so that loading a
 * stream for a write, or as of a past instant, reads one row and the events
 * after it instead of the whole stream. A cache of the log: rebuildable, and
 * keyed by the schema version of the state's shape.
 */
export class Snapshots1764000000007 implements MigrationInterface {
  name = 'Snapshots1764000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE snapshots (
      stream_id VARCHAR(200) NOT NULL,
      version INTEGER NOT NULL,
      schema_version INTEGER NOT NULL,
      state TEXT NOT NULL,
      occurred_at VARCHAR(30) NOT NULL,
      position BIGINT NOT NULL,
      PRIMARY KEY (stream_id, version, schema_version)
    )`);
    await q.query('CREATE INDEX snapshots_as_of ON snapshots (stream_id, schema_version, occurred_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE snapshots');
  }
}
