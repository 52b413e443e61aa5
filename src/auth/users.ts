import type { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import type { Actor, Role } from '../kernel/actor';
import { hashPassword } from './password';
import { revokeSessionsOf } from './session-table';
import { normalEmail } from '../kernel/email-address';

export interface User extends Actor {
  language: 'sv' | 'en';
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  unit: string | null;
  language: 'sv' | 'en';
  password_hash: string | null;
  deactivated_at: string | null;
}

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, role: r.role, unit: r.unit ?? null, language: r.language });

/** The wall clock, as for the sessions and the tokens' `exp`, not the app clock, which a demo may set to 2012. */
const wallClock = () => new Date().toISOString();

/** Sets a user's password hash, and when it changed: sessions opened before then end. */
export async function storePasswordHash(tx: Sql, userId: string, passwordHash: string, at: string): Promise<void> {
  await tx.query(
    `INSERT INTO user_credentials (user_id, password_hash, password_changed_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, password_changed_at = excluded.password_changed_at`,
    [userId, passwordHash, at],
  );
}

/**
 * Who may sign in, and with what. A user's profile (name, role, unit,
 * language, active) is the users aggregate's (src/users/), read here from its
 * read model; the password is not history and is kept apart, in
 * user_credentials, which no event and no rebuild touches. A user without a
 * password there signs in some other way (single sign-on, the welcome link)
 * or not at all.
 */
export class Users {
  constructor(private readonly db: Database) {}

  /** The user with this address and their password hash (null when they have none), or null. */
  async findByEmail(email: string): Promise<(User & { passwordHash: string | null; deactivatedAt: string | null }) | null> {
    const [row] = await this.db.query<UserRow>(
      `SELECT u.id, u.email, u.name, u.role, u.unit, u.language, u.deactivated_at, c.password_hash
         FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id WHERE u.email = ?`,
      [normalEmail(email)],
    );
    return row ? { ...toUser(row), passwordHash: row.password_hash ?? null, deactivatedAt: row.deactivated_at ?? null } : null;
  }

  /** A new password; every session of the user ends, so whoever knew the old one is out. False when there is no such user. */
  async changePassword(userId: string, password: string): Promise<boolean> {
    const passwordHash = await hashPassword(password);
    const at = wallClock();
    return this.db.write(async (tx) => {
      const [row] = await tx.query<{ id: string }>('SELECT id FROM users WHERE id = ?', [userId]);
      if (!row) return false;
      await storePasswordHash(tx, userId, passwordHash, at);
      await revokeSessionsOf(tx, userId, 'password_changed', at);
      return true;
    });
  }

  /** When the user last signed in, however they did (shown to admins); kept with the credentials, as it is no event. */
  async recordSignIn(userId: string): Promise<void> {
    await this.db.write((tx) =>
      tx.query(
        `INSERT INTO user_credentials (user_id, last_sign_in_at) VALUES (?, ?)
         ON CONFLICT (user_id) DO UPDATE SET last_sign_in_at = excluded.last_sign_in_at`,
        [userId, wallClock()],
      ),
    );
  }
}
