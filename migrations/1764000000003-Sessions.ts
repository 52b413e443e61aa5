import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions live on the server. A bearer token or a web cookie is only a
 * handle (its `jti`) to a row here; sign-out, deactivation and a change of
 * role, unit or password end the rows at once, for the cookie and the bearer
 * alike. `users.deactivated_at` marks a user who may no longer sign in (and
 * the demo accounts once the app has started in production).
 */
export class Sessions1764000000003 implements MigrationInterface {
  name = 'Sessions1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN deactivated_at VARCHAR(30)');
    await q.query('ALTER TABLE users ADD COLUMN password_changed_at VARCHAR(30)');
    await q.query(`CREATE TABLE sessions (
      id CHAR(64) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL,
      role VARCHAR(20) NOT NULL,
      unit VARCHAR(100),
      created_at VARCHAR(30) NOT NULL,
      expires_at VARCHAR(30) NOT NULL,
      revoked_at VARCHAR(30),
      revoked_reason VARCHAR(50)
    )`);
    await q.query('CREATE INDEX sessions_user ON sessions (user_id)');
    await q.query('CREATE INDEX sessions_expires ON sessions (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sessions');
    await q.query('ALTER TABLE users DROP COLUMN password_changed_at');
    await q.query('ALTER TABLE users DROP COLUMN deactivated_at');
  }
}
