import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mails a comment owes, one row per recipient, written in the same
 * transaction as its ActionCommented event: a crash after the commit leaves
 * the row, and a sweep sends it. `next_attempt_at` is both when the next try
 * is due and, while an instance sends, its claim (pushed ahead so no other
 * instance takes the row). A row ends sent, or failed after its last attempt
 * (then the history has a ReminderRecorded of kind comment, outcome failed).
 */
export class CommentMails1764000000020 implements MigrationInterface {
  name = 'CommentMails1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE comment_mails (
      id VARCHAR(400) PRIMARY KEY,
      recommendation_id VARCHAR(36) NOT NULL,
      action_id VARCHAR(36) NOT NULL,
      comment_id VARCHAR(36) NOT NULL,
      recipient VARCHAR(320) NOT NULL,
      facts TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at VARCHAR(30) NOT NULL,
      sent_at VARCHAR(30),
      failed_at VARCHAR(30),
      last_error TEXT
    )`);
    await q.query('CREATE INDEX comment_mails_due ON comment_mails (sent_at, failed_at, next_attempt_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE comment_mails');
  }
}
