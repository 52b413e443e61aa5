import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on's own rows, neither events nor read models:
 * - oidc_logins: a sign-in under way at the provider: its state, nonce and
 *   PKCE verifier, kept on the server (the browser holds only a random handle,
 *   stored here hashed), used once and for ten minutes at most;
 * - oidc_sessions: the ID token an app session was opened with, the hint the
 *   provider's end-session endpoint asks for when that session signs out.
 */
export class OidcLogins1764000000012 implements MigrationInterface {
  name = 'OidcLogins1764000000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE oidc_logins (
      id CHAR(64) PRIMARY KEY,
      state VARCHAR(100) NOT NULL,
      nonce VARCHAR(100) NOT NULL,
      code_verifier VARCHAR(200) NOT NULL,
      next_path TEXT NOT NULL,
      expires_at VARCHAR(30) NOT NULL
    )`);
    await q.query('CREATE INDEX oidc_logins_expires ON oidc_logins (expires_at)');
    await q.query(`CREATE TABLE oidc_sessions (
      session_id CHAR(64) PRIMARY KEY,
      id_token TEXT NOT NULL,
      expires_at VARCHAR(30) NOT NULL
    )`);
    await q.query('CREATE INDEX oidc_sessions_expires ON oidc_sessions (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE oidc_sessions');
    await q.query('DROP TABLE oidc_logins');
  }
}
