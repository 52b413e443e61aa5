import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports as made: their metadata and their bytes. The bytes can be rebuilt
 * from the log at any time (same inputs, same sha256); they are kept so a
 * download is the very file the committee was given.
 */
export class Reports1764000000002 implements MigrationInterface {
  name = 'Reports1764000000002';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`CREATE TABLE reports (
      id VARCHAR(36) PRIMARY KEY,
      cycle_id VARCHAR(36) NOT NULL,
      milestone_key VARCHAR(20) NOT NULL,
      review_id VARCHAR(36),
      as_of VARCHAR(30) NOT NULL,
      language VARCHAR(2) NOT NULL,
      format VARCHAR(10) NOT NULL,
      position BIGINT NOT NULL,
      sha256 CHAR(64) NOT NULL,
      content_type VARCHAR(100) NOT NULL,
      file_name VARCHAR(200) NOT NULL,
      content ${pg ? 'BYTEA' : 'BLOB'} NOT NULL,
      created_at VARCHAR(30) NOT NULL,
      created_by TEXT NOT NULL
    )`);
    await q.query('CREATE INDEX reports_created ON reports (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reports');
  }
}
