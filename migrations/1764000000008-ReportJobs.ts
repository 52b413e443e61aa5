import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports made as jobs: what was asked, by whom, how far the work has come,
 * and how it ended (the report made, or why it failed). In the database
 * rather than the queue, so a job is never lost with Redis and a failure
 * stays visible.
 */
export class ReportJobs1764000000008 implements MigrationInterface {
  name = 'ReportJobs1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE report_jobs (
      id VARCHAR(36) PRIMARY KEY,
      status VARCHAR(10) NOT NULL,
      progress INTEGER NOT NULL,
      request TEXT NOT NULL,
      actor_id VARCHAR(100) NOT NULL,
      created_by TEXT NOT NULL,
      idempotency_key VARCHAR(300),
      request_hash CHAR(64),
      report_id VARCHAR(36),
      failure TEXT,
      created_at VARCHAR(30) NOT NULL,
      finished_at VARCHAR(30),
      touched_at_ms BIGINT NOT NULL
    )`);
    await q.query('CREATE UNIQUE INDEX report_jobs_idempotency ON report_jobs (actor_id, idempotency_key)');
    await q.query('CREATE INDEX report_jobs_created ON report_jobs (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE report_jobs');
  }
}
