import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/password';
import { storePasswordHash, type User } from '../auth/users';
import { CommandRunner, writeContext, type WriteContext } from '../event-store/command-runner';
import { Database } from '../event-store/database';
import { SYSTEM_ACTOR, type Role } from '../kernel/actor';
import { DomainError } from '../kernel/domain-error';
import type { UserSource, UserState } from './domain/user';
import { userAggregate } from './users.cqrs';

export type NewUser = Omit<User, 'id'> & { id?: string; password?: string; source?: UserSource };

/** The signed-in user auth deals in, from the aggregate's state. */
export const asUser = (s: UserState): User => ({ id: s.id, email: s.email, name: s.name, role: s.role, unit: s.unit, language: s.language });

/**
 * Users written by the system rather than through an admin's request: the
 * seed's demo accounts, the command line's first admin, single sign-on. The
 * same users aggregate (its rules and events) as an admin's; here, not in
 * auth/, which only reads who may sign in and keeps the passwords.
 */
@Injectable()
export class UserAccounts {
  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
  ) {}

  /** Makes a user, with a password when one is given, in one transaction; as the system unless `ctx` says who. */
  async create(user: NewUser, ctx: WriteContext = writeContext(SYSTEM_ACTOR), reason: string | null = null): Promise<User> {
    const id = user.id ?? randomUUID();
    // Hashed before the transaction: scrypt takes tens of milliseconds that no other write should wait for.
    const passwordHash = user.password === undefined ? null : await hashPassword(user.password);
    const { email, name, role, unit, language, source = 'admin' } = user;
    const written = await this.db.write(async (tx) => {
      const done = await this.runner.runIn(tx, userAggregate, id, { type: 'CreateUser', userId: id, email, name, role, unit, language, source }, ctx, { reason });
      // The wall clock, as for the sessions, not the app clock, which a demo may set to 2012.
      if (passwordHash !== null) await storePasswordHash(tx, id, passwordHash, new Date().toISOString());
      return done;
    });
    return asUser(written.state);
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
      const { state } = await this.runner.run(userAggregate, userId, { type: 'ChangeUser', ...change }, ctx, { reason });
      return asUser(state);
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'not_found') return null;
      throw e;
    }
  }
}
