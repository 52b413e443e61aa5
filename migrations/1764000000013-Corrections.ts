import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections (recommendation.corrections.ts): a retracted progress note
 * stays, marked with when, by whom and why it was retracted, and no longer
 * counts; and a recommendation's row keeps what its decisions and
 * assessments replaced, so the page can offer to correct the latest one. No
 * note was retracted before this, so those columns stay null. Decisions
 * recorded before it have no such memory in their row until
 * `npm run projections:rebuild`; the API corrects them all the same, since
 * it folds the log.
 */
export class Corrections1764000000013 implements MigrationInterface {
  name = 'Corrections1764000000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_action_updates ADD COLUMN retracted_at VARCHAR(30)');
    await q.query('ALTER TABLE rm_action_updates ADD COLUMN retracted_by VARCHAR(320)');
    await q.query('ALTER TABLE rm_action_updates ADD COLUMN retraction_reason TEXT');
    await q.query('ALTER TABLE rm_recommendations ADD COLUMN committee_undo TEXT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_recommendations DROP COLUMN committee_undo');
    await q.query('ALTER TABLE rm_action_updates DROP COLUMN retraction_reason');
    await q.query('ALTER TABLE rm_action_updates DROP COLUMN retracted_by');
    await q.query('ALTER TABLE rm_action_updates DROP COLUMN retracted_at');
  }
}
