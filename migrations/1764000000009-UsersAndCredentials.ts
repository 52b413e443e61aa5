import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users become an aggregate with events, and the users table its read model
 * (with the folded state, as the other read models keep theirs). A password
 * is not history and must never be in an event, nor go when the read models
 * are rebuilt: the hashes move to user_credentials, which only sign-in and
 * password changes write. A user without a row there (single sign-on, or not
 * yet through the welcome link) cannot sign in with a password.
 *
 * The users already in the table have no stream yet; the app gives each one
 * at start (UserImport), as the migration cannot append to the hash chain.
 */
export class UsersAndCredentials1764000000009 implements MigrationInterface {
  name = 'UsersAndCredentials1764000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE user_credentials (
      user_id VARCHAR(36) PRIMARY KEY,
      password_hash TEXT,
      password_changed_at VARCHAR(30),
      last_sign_in_at VARCHAR(30)
    )`);
    await q.query('INSERT INTO user_credentials (user_id, password_hash, password_changed_at) SELECT id, password_hash, password_changed_at FROM users');
    await q.query('ALTER TABLE users DROP COLUMN password_hash');
    await q.query('ALTER TABLE users DROP COLUMN password_changed_at');
    // Null until the user's stream exists (the import at start writes it).
    await q.query('ALTER TABLE users ADD COLUMN state TEXT');
    await q.query('CREATE INDEX users_role ON users (role)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX users_role');
    await q.query('ALTER TABLE users DROP COLUMN state');
    await q.query("ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT ''");
    await q.query('ALTER TABLE users ADD COLUMN password_changed_at VARCHAR(30)');
    await q.query('UPDATE users SET password_hash = COALESCE((SELECT c.password_hash FROM user_credentials c WHERE c.user_id = users.id), \'\'), password_changed_at = (SELECT c.password_changed_at FROM user_credentials c WHERE c.user_id = users.id)');
    await q.query('DROP TABLE user_credentials');
  }
}
