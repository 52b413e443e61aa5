import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The password-link mail each user is owed, one row per user (a newer request
 * replaces it), kept until it is sent or given up: a mail server that says
 * "try later" while the app restarts no longer loses it, and the user's page
 * shows an admin how it went. The row never holds the link: the token exists
 * only in the mail, so each try makes a new link (which ends the one before,
 * never delivered). `next_attempt_at` is when the next try is due and, while
 * an instance sends, its claim (pushed ahead so no other instance takes it).
 * Times are the wall clock's, like the links'.
 */
export class PasswordMails1764000000023 implements MigrationInterface {
  name = 'PasswordMails1764000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE password_mails (
      id VARCHAR(36) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL UNIQUE,
      purpose VARCHAR(10) NOT NULL,
      requested_at VARCHAR(30) NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at VARCHAR(30) NOT NULL,
      sent_at VARCHAR(30),
      failed_at VARCHAR(30),
      last_error TEXT
    )`);
    await q.query('CREATE INDEX password_mails_due ON password_mails (sent_at, failed_at, next_attempt_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE password_mails');
  }
}
