import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminders read model behind GET /reminders: one row per planned
 * reminder, written with its outbox row in the same transaction, then moved
 * through `sending` to `sent`, `skipped` or `failed` by the worker. The row is
 * also the worker's guard against sending twice: a reminder is claimed here,
 * under the write lock, before any mail leaves.
 */
export class Reminders1764000000001 implements MigrationInterface {
  name = 'Reminders1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reminders (
      id VARCHAR(36) PRIMARY KEY,
      kind VARCHAR(30) NOT NULL,
      recipient VARCHAR(320) NOT NULL,
      recommendation_id VARCHAR(36),
      action_id VARCHAR(36),
      milestone_key VARCHAR(50),
      cycle_id VARCHAR(36),
      due_key VARCHAR(60) NOT NULL,
      send_at VARCHAR(30) NOT NULL,
      status VARCHAR(20) NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      claim_token VARCHAR(36),
      claimed_at VARCHAR(30),
      sent_at VARCHAR(30),
      detail TEXT,
      created_at VARCHAR(30) NOT NULL,
      updated_at VARCHAR(30) NOT NULL
    )`);
    await q.query('CREATE INDEX reminders_status_send_at ON reminders (status, send_at)');
    await q.query('CREATE INDEX reminders_recommendation ON reminders (recommendation_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reminders');
  }
}
