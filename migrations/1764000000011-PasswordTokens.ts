import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single-use links to set a password (a forgotten one, or a new user's
 * first). The row's key is the SHA-256 of the token the link carries, never
 * the token: whoever reads the table (a backup, a replica) learns no link
 * that works. `used_at` is set when the link sets a password, so it works
 * once; a new link for a user ends their older unused ones. Times are the
 * wall clock's (ISO-8601, UTC), like the sessions'.
 */
export class PasswordTokens1764000000011 implements MigrationInterface {
  name = 'PasswordTokens1764000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE password_tokens (
      id CHAR(64) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL,
      purpose VARCHAR(10) NOT NULL,
      created_at VARCHAR(30) NOT NULL,
      expires_at VARCHAR(30) NOT NULL,
      used_at VARCHAR(30)
    )`);
    await q.query('CREATE INDEX password_tokens_user ON password_tokens (user_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE password_tokens');
  }
}
