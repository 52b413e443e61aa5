import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached as evidence, in the database so every instance serves them.
 * attachment_blobs holds each file's bytes once, keyed by their SHA-256 (the
 * same protocol attached twice is stored once); attachments holds each time a
 * file was attached: to which action, under which name and type, so a
 * download finds its recommendation and checks who may read it. The
 * AttachmentAdded event carries the same id and hash.
 */
export class Attachments1764000000019 implements MigrationInterface {
  name = 'Attachments1764000000019';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`CREATE TABLE attachment_blobs (
      sha256 VARCHAR(64) PRIMARY KEY,
      size INTEGER NOT NULL,
      content ${pg ? 'BYTEA' : 'BLOB'} NOT NULL
    )`);
    await q.query(`CREATE TABLE attachments (
      id VARCHAR(36) PRIMARY KEY,
      recommendation_id VARCHAR(36) NOT NULL,
      action_id VARCHAR(36) NOT NULL,
      filename VARCHAR(255) NOT NULL,
      content_type VARCHAR(100) NOT NULL,
      size INTEGER NOT NULL,
      sha256 VARCHAR(64) NOT NULL REFERENCES attachment_blobs (sha256),
      added_at VARCHAR(30) NOT NULL,
      added_by VARCHAR(320) NOT NULL
    )`);
    await q.query('CREATE INDEX attachments_by_action ON attachments (recommendation_id, action_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE attachments');
    await q.query('DROP TABLE attachment_blobs');
  }
}
