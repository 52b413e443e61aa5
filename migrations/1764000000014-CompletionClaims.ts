import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A completed action waits for a second person: the action's row keeps who
 * claimed it completed, when and with what note while the claim is pending,
 * so the pages can offer approval to anyone but the claimant. No action was
 * claimed before this, so existing rows stay null and nothing is rebuilt.
 */
export class CompletionClaims1764000000014 implements MigrationInterface {
  name = 'CompletionClaims1764000000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_actions ADD COLUMN claimed_by VARCHAR(320)');
    await q.query('ALTER TABLE rm_actions ADD COLUMN claimed_at VARCHAR(30)');
    await q.query('ALTER TABLE rm_actions ADD COLUMN claim_note TEXT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_actions DROP COLUMN claim_note');
    await q.query('ALTER TABLE rm_actions DROP COLUMN claimed_at');
    await q.query('ALTER TABLE rm_actions DROP COLUMN claimed_by');
  }
}
