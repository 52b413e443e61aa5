import { Injectable } from '@nestjs/common';
import { Users, type User } from '../auth/users';
import { CommandRunner, writeContext } from '../event-store/command-runner';
import { SYSTEM_ACTOR } from '../kernel/actor';
import { DomainError } from '../kernel/domain-error';
import { asUser, UserAccounts } from '../users/user-accounts';
import { userAggregate } from '../users/users.cqrs';
import type { MappedRole } from './domain/role-mapping';

/** The reason recorded with every change single sign-on makes to a user, shown in the event log. */
export const SSO_REASON = 'Från Stockholms stads inloggning';

/** Who the provider says signed in, with the role its groups map to. */
export interface ProviderProfile {
  email: string;
  name: string;
  language: 'sv' | 'en';
  mapped: MappedRole;
}

export type Admission = { admitted: true; user: User; created: boolean } | { admitted: false; why: 'deactivated' } | { admitted: false; why: 'not_accepted'; problem: string };

/**
 * The city's directory decides who a signed-in person is: the first sign-in
 * makes the user (CreateUser, source 'sso'), later ones bring name, role and
 * unit up to date (ChangeUser), both through the users aggregate as the
 * system, with the reason in the event log. Users are matched by email
 * address, the key the app already signs in with. Someone deactivated here
 * stays out, whatever the provider says: reactivating is an admin's decision.
 */
@Injectable()
export class SsoAccounts {
  constructor(
    private readonly users: Users,
    private readonly accounts: UserAccounts,
    private readonly runner: CommandRunner,
  ) {}

  async admit(profile: ProviderProfile): Promise<Admission> {
    try {
      return await this.admitOnce(profile);
    } catch (error) {
      // Two first sign-ins of the same person at once: the one that lost the race finds the user the other made.
      if (error instanceof DomainError && error.kind === 'conflict') return this.admitOnce(profile).catch((again: unknown) => refused(again));
      return refused(error);
    }
  }

  private async admitOnce({ email, name, language, mapped }: ProviderProfile): Promise<Admission> {
    const ctx = writeContext(SYSTEM_ACTOR);
    const known = await this.users.findByEmail(email);
    if (known && known.deactivatedAt !== null) return { admitted: false, why: 'deactivated' };
    if (!known) {
      const user = await this.accounts.create({ email, name, role: mapped.role, unit: mapped.unit, language, source: 'sso' }, ctx, SSO_REASON);
      return { admitted: true, created: true, user };
    }
    if (known.name === name && known.role === mapped.role && known.unit === mapped.unit) return { admitted: true, created: false, user: known };
    // A new role or unit ends the user's other sessions, as an admin's change does: they were opened with the old one.
    const { state } = await this.runner.run(userAggregate, known.id, { type: 'ChangeUser', name, role: mapped.role, unit: mapped.unit, fromDirectory: true }, ctx, { reason: SSO_REASON });
    return { admitted: true, created: false, user: asUser(state) };
  }
}

/** A rule of the users aggregate that the provider's profile breaks (a unit that does not exist, a name too long): the user is told, not shown a 500. */
function refused(error: unknown): Admission {
  if (error instanceof DomainError && error.kind !== 'forbidden') {
    const details = (error.details ?? []).map((d) => `${d.field} ${d.message}`).join('; ');
    return { admitted: false, why: 'not_accepted', problem: details ? `${error.message}: ${details}` : error.message };
  }
  throw error;
}
