import { randomUUID } from 'node:crypto';
import type { Database } from '../event-store/database';
import type { Actor, Role } from '../kernel/actor';
import { hashPassword } from './password';
import { revokeSessionsOf, type RevokeReason } from './session-table';

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
  password_hash: string;
  deactivated_at: string | null;
}

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, role: r.role, unit: r.unit ?? null, language: r.language });

/** Users are configuration, not domain history: a plain table, and every event records who caused it. */
export class Users {
  constructor(private readonly db: Database) {}

  async findByEmail(email: string): Promise<(User & { passwordHash: string; deactivatedAt: string | null }) | null> {
    const [row] = await this.db.query<UserRow>('SELECT * FROM users WHERE email = ?', [email.trim().toLowerCase()]);
    return row ? { ...toUser(row), passwordHash: row.password_hash, deactivatedAt: row.deactivated_at ?? null } : null;
  }

  async create(user: Omit<User, 'id'> & { id?: string; password: string }, now: string): Promise<User> {
    const id = user.id ?? randomUUID();
    const passwordHash = await hashPassword(user.password);
    await this.db.write((tx) =>
      tx.query(
        'INSERT INTO users (id, email, name, role, unit, language, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [id, user.email.toLowerCase(), user.name, user.role, user.unit, user.language, passwordHash, now],
      ),
    );
    return { id, email: user.email.toLowerCase(), name: user.name, role: user.role, unit: user.unit, language: user.language };
  }

  /*
   * The changes below end the user's sessions in the same transaction that
   * makes them, so no request can come in between with the old role, unit or
   * password. The session check on every request would refuse those sessions
   * anyway (it compares the session with the user's row); revoking them also
   * records why they ended. Times are the wall clock's, as for the sessions
   * and the tokens' `exp`, not the app clock, which a demo may set to 2012.
   */

  /** The user may no longer sign in, and every session of theirs ends. False when there is no such user. */
  async deactivate(userId: string): Promise<boolean> {
    const at = new Date().toISOString();
    return this.db.write(async (tx) => {
      const [row] = await tx.query<{ deactivated_at: string | null }>('SELECT deactivated_at FROM users WHERE id = ?', [userId]);
      if (!row) return false;
      if (row.deactivated_at === null) await tx.query('UPDATE users SET deactivated_at = ? WHERE id = ?', [at, userId]);
      await revokeSessionsOf(tx, userId, 'deactivated', at);
      return true;
    });
  }

  /** A new role and unit; when either differs from the old, every session of the user ends. Null when there is no such user. */
  async changeRoleAndUnit(userId: string, role: Role, unit: string | null): Promise<User | null> {
    const at = new Date().toISOString();
    return this.db.write(async (tx) => {
      const [row] = await tx.query<UserRow>('SELECT * FROM users WHERE id = ?', [userId]);
      if (!row) return null;
      const reason: RevokeReason | null = row.role !== role ? 'role_changed' : (row.unit ?? null) !== unit ? 'unit_changed' : null;
      if (reason) {
        await tx.query('UPDATE users SET role = ?, unit = ? WHERE id = ?', [role, unit, userId]);
        await revokeSessionsOf(tx, userId, reason, at);
      }
      return toUser({ ...row, role, unit });
    });
  }

  /** A new password; every session of the user ends, so whoever knew the old one is out. False when there is no such user. */
  async changePassword(userId: string, password: string): Promise<boolean> {
    // Hashed before the transaction: scrypt takes tens of milliseconds that no other write should wait for.
    const passwordHash = await hashPassword(password);
    const at = new Date().toISOString();
    return this.db.write(async (tx) => {
      const [row] = await tx.query<{ id: string }>('SELECT id FROM users WHERE id = ?', [userId]);
      if (!row) return false;
      await tx.query('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?', [passwordHash, at, userId]);
      await revokeSessionsOf(tx, userId, 'password_changed', at);
      return true;
    });
  }
}
