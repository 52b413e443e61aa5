import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Database } from '../event-store/database';

/** A sign-in under way at the provider: what the callback must find again to check the answer. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The page to land on afterwards (a local path). */
  next: string;
}

/** Long enough to type a password and answer a second factor at the provider; short enough that a stolen handle is soon useless. */
export const PENDING_LOGIN_SECONDS = 10 * 60;

const hashOf = (handle: string): string => createHash('sha256').update(handle, 'utf8').digest('hex');

/**
 * State, nonce and PKCE verifier live on the server, in `oidc_logins`; the
 * browser holds only a random handle to the row (in an HttpOnly cookie), and
 * the row is stored under the handle's hash, as sessions are, so a copy of
 * the table gives no handle. A row is taken once: the callback deletes it as
 * it reads it, so an answer cannot be replayed. Times are the wall clock's.
 */
@Injectable()
export class PendingLogins {
  constructor(private readonly db: Database) {}

  /** Stores a new sign-in and returns the handle for the browser's cookie. */
  async begin(login: PendingLogin): Promise<string> {
    const handle = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + PENDING_LOGIN_SECONDS * 1000).toISOString();
    await this.db.write(async (tx) => {
      // Sign-ins nobody finished are swept by the next one that starts (an index range scan, usually empty).
      await tx.query('DELETE FROM oidc_logins WHERE expires_at < ?', [now.toISOString()]);
      await tx.query('INSERT INTO oidc_logins (id, state, nonce, code_verifier, next_path, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
        hashOf(handle),
        login.state,
        login.nonce,
        login.codeVerifier,
        login.next,
        expiresAt,
      ]);
    });
    return handle;
  }

  /** The sign-in behind the handle, removed as it is read; null when there is none, or it has expired. */
  async take(handle: string | undefined): Promise<PendingLogin | null> {
    if (!handle || !/^[A-Za-z0-9_-]{20,100}$/.test(handle)) return null;
    const id = hashOf(handle);
    const row = await this.db.write(async (tx) => {
      const [found] = await tx.query<{ state: string; nonce: string; code_verifier: string; next_path: string; expires_at: string }>(
        'SELECT state, nonce, code_verifier, next_path, expires_at FROM oidc_logins WHERE id = ?',
        [id],
      );
      if (found) await tx.query('DELETE FROM oidc_logins WHERE id = ?', [id]);
      return found;
    });
    if (!row || row.expires_at < new Date().toISOString()) return null;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, next: row.next_path };
  }
}
