import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - `public_summary` on rm_recommendations and rm_actions: the summary a
 *   secretary published for the public page, as JSON (text, textEn, when, by
 *   whom), null while nothing is published. Read models: no event before this
 *   one published anything, so null is what the log says for every row.
 * - form_drafts: what a user typed into a form posted after their session
 *   ended, kept for an hour until they sign in again and are shown the form
 *   with it. The browser holds only a random handle (stored here hashed); the
 *   row names the user whose session it was, so no one else gets it back.
 *   Passwords and form tokens are never kept.
 */
export class PublicSummariesAndFormDrafts1764000000015 implements MigrationInterface {
  name = 'PublicSummariesAndFormDrafts1764000000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_recommendations ADD COLUMN public_summary TEXT');
    await q.query('ALTER TABLE rm_actions ADD COLUMN public_summary TEXT');
    await q.query(`CREATE TABLE form_drafts (
      id CHAR(64) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL,
      return_path TEXT NOT NULL,
      action_path TEXT NOT NULL,
      fields TEXT NOT NULL,
      expires_at VARCHAR(30) NOT NULL
    )`);
    await q.query('CREATE INDEX form_drafts_expires ON form_drafts (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE form_drafts');
    await q.query('ALTER TABLE rm_actions DROP COLUMN public_summary');
    await q.query('ALTER TABLE rm_recommendations DROP COLUMN public_summary');
  }
}
