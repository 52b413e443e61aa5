import { CommandHandler, Query, type ICommandHandler } from '@nestjs/cqrs';
import type { PasswordMailView } from '../auth/password-links';
import { ChangeCommand } from '../event-store/change-command';
import { CommandRunner, type Aggregate, type WriteContext, type Written } from '../event-store/command-runner';
import { decideUser, evolveUser, userStreamId, type UserCommand, type UserFacts, type UserState } from './domain/user';
import { readUserFacts } from './user-facts.sql';

/**
 * The facts reader belongs to the aggregate, so every writer of a user (the
 * API and its pages, the seed, the command line, single sign-on) obeys the
 * same rules: a unique address, a unit in use, an admin left.
 */
export const userAggregate: Aggregate<UserState, UserCommand, UserFacts> = {
  streamId: userStreamId,
  evolve: evolveUser,
  decide: decideUser,
  facts: readUserFacts,
};

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  unit: string | null;
  language: 'sv' | 'en';
  active: boolean;
  lastSignInAt: string | null;
}

/** The API's user; the last sign-in is not the user's history (no event records it), so it comes from the credentials when the reader has them. */
export const toUserView = (s: UserState, lastSignInAt: string | null = null): UserView => ({
  id: s.id,
  email: s.email,
  name: s.name,
  role: s.role,
  unit: s.unit,
  language: s.language,
  active: s.active,
  lastSignInAt,
});

/** A change to one user, for the CommandBus; the reason goes into the events' metadata. */
export class ChangeUserCommand extends ChangeCommand<UserCommand, UserState> {
  constructor(
    id: string,
    change: UserCommand,
    ctx: WriteContext,
    readonly reason: string | null = null,
  ) {
    super(id, change, ctx);
  }
}

@CommandHandler(ChangeUserCommand)
export class ChangeUserHandler implements ICommandHandler<ChangeUserCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ id, change, ctx, reason }: ChangeUserCommand): Promise<Written<UserState>> {
    return this.runner.run(userAggregate, id, change, ctx, { reason });
  }
}

/** One page of users, ordered by address; `after` is the X-Next-After of the page before. */
export class ListUsersQuery extends Query<{ items: UserView[]; total: number; nextAfter: string | null }> {
  constructor(
    readonly page: { limit: number; after: string | null },
    /** Another order than by address (`sort=`, user-order.ts), and part of a name or address to match. */
    readonly view: { sort?: string; q?: string } = {},
  ) {
    super();
  }
}

/** One user with the version a change may name in If-Match, and how their latest password-link mail went. */
export class GetUserQuery extends Query<UserView & { passwordMail: PasswordMailView | null; version: number }> {
  constructor(readonly id: string) {
    super();
  }
}
