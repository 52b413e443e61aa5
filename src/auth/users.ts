import { randomUUID } from 'node:crypto';
import { CommandRunner, writeContext, type WriteContext } from '../event-store/command-runner';
import type { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import { SYSTEM_ACTOR, type Actor, type Role } from '../kernel/actor';
import { DomainError } from '../kernel/domain-error';
import type { UserSource } from '../users/domain/user';
import { userAggregate } from '../users/users.cqrs';
import { hashPassword } from './password';
import { revokeSessionsOf } from './session-table';

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

export type NewUser = Omit<User, 'id'> & { id?: string; password?: string; source?: UserSource };

/** The wall clock, as for the sessions and the tokens' `exp`, not the app clock, which a demo may set to 2012. */
const wallClock = () => new Date().toISOString();

/** Sets a user's password hash, and when it changed: sessions opened before then end. */
async function storePasswordHash(tx: Sql, userId: string, passwordHash: string, at: string): Promise<void> {
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
  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
  ) {}

  /** The user with this address and their password hash (null when they have none), or null. */
  async findByEmail(email: string): Promise<(User & { passwordHash: string | null; deactivatedAt: string | null }) | null> {
    const [row] = await this.db.query<UserRow>(
      `SELECT u.id, u.email, u.name, u.role, u.unit, u.language, u.deactivated_at, c.password_hash
         FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id WHERE u.email = ?`,
      [email.trim().toLowerCase()],
    );
    return row ? { ...toUser(row), passwordHash: row.password_hash ?? null, deactivatedAt: row.deactivated_at ?? null } : null;
  }

  /**
   * Makes a user through the users aggregate (its rules and events), with a
   * password when one is given, in one transaction: the seed's demo accounts
   * and the command line's first admin, as the system unless `ctx` says who.
   */
  async create(user: NewUser, ctx: WriteContext = writeContext(SYSTEM_ACTOR), reason: string | null = null): Promise<User> {
    const id = user.id ?? randomUUID();
    // Hashed before the transaction: scrypt takes tens of milliseconds that no other write should wait for.
    const passwordHash = user.password === undefined ? null : await hashPassword(user.password);
    const { email, name, role, unit, language, source = 'admin' } = user;
    const written = await this.db.write(async (tx) => {
      const done = await this.runner.runIn(tx, userAggregate, id, { type: 'CreateUser', userId: id, email, name, role, unit, language, source }, ctx, { reason });
      if (passwordHash !== null) await storePasswordHash(tx, id, passwordHash, wallClock());
      return done;
    });
    const s = written.state;
    return { id: s.id, email: s.email, name: s.name, role: s.role, unit: s.unit, language: s.language };
  }

  /** The user may no longer sign in, and every session of theirs ends (the users aggregate's events do that). False when there is no such user. */
  async deactivate(userId: string, reason: string | null = null, ctx: WriteContext = writeContext(SYSTEM_ACTOR)): Promise<boolean> {
    return (await this.change(userId, { active: false }, ctx, reason)) !== null;
  }

  /** A new role and unit; when either differs from the old, every session of the user ends. Null when there is no such user. */
  async changeRoleAndUnit(userId: string, role: Role, unit: string | null, reason: string | null = null, ctx: WriteContext = writeContext(SYSTEM_ACTOR)): Promise<User | null> {
    return this.change(userId, { role, unit }, ctx, reason);
  }

  private async change(userId: string, change: { role?: Role; unit?: string | null; active?: boolean }, ctx: WriteContext, reason: string | null): Promise<User | null> {
    try {
      const { state: s } = await this.runner.run(userAggregate, userId, { type: 'ChangeUser', ...change }, ctx, { reason });
      return { id: s.id, email: s.email, name: s.name, role: s.role, unit: s.unit, language: s.language };
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'not_found') return null;
      throw e;
    }
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
