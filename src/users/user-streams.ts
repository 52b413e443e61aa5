import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CommandRunner, writeContext } from '../event-store/command-runner';
import { SEED_LOCK_KEY, withStartupLock } from '../event-store/data-source';
import { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import { SYSTEM_ACTOR, type Role } from '../kernel/actor';
import { USER_STREAM_PREFIX, type UserLanguage } from './domain/user';
import { userAggregate } from './users.cqrs';

/**
 * Users made before users had events (rows of the users table from an older
 * version) get their `UserCreated` (source 'imported'), and a deactivated one
 * its `UserDeactivated`, at start, so the log holds every user and a rebuild
 * of the read models keeps them. Under the seed's startup lock, the check and
 * the writes in one transaction, so instances that start together make each
 * stream once.
 */
@Injectable()
export class UserStreams implements OnModuleInit {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    const made = await withStartupLock(this.db.dataSource, SEED_LOCK_KEY, () => this.db.write((tx) => giveUsersTheirStreams(tx, this.runner)));
    if (made > 0) this.logger.log(`${made} users from before users had events were given their UserCreated`);
  }
}

/** Every users row without a stream gets its events, from what the row says; how many there were. */
export async function giveUsersTheirStreams(tx: Sql, runner: CommandRunner): Promise<number> {
  const rows = await tx.query<{ id: string; email: string; name: string; role: Role; unit: string | null; language: UserLanguage; deactivated_at: string | null }>(
    `SELECT id, email, name, role, unit, language, deactivated_at FROM users u
      WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = '${USER_STREAM_PREFIX}' || u.id) ORDER BY email`,
  );
  const ctx = writeContext(SYSTEM_ACTOR, { correlationId: 'users-before-events' });
  const reason = 'Användaren fanns innan användarna sparades som händelser';
  for (const r of rows) {
    const { id, email, name, role, unit, language } = r;
    await runner.runIn(tx, userAggregate, id, { type: 'CreateUser', userId: id, email, name, role, unit: unit ?? null, language, source: 'imported' }, ctx, { reason });
    if (r.deactivated_at !== null) await runner.runIn(tx, userAggregate, id, { type: 'ChangeUser', active: false }, ctx, { reason });
  }
  return rows.length;
}
