import { endPasswordLinksOf } from '../auth/password-links';
import { revokeSessionsOf, type RevokeReason } from '../auth/session-table';
import type { AppendSubscriber, StoredEvent } from '../event-store/event-store';
import type { Sql } from '../event-store/sql';
import { USER_STREAM_PREFIX, type UserEvent } from './domain/user';

/** Why a user event ends the user's sessions, or null when it does not (a new name or language leaves them signed in). */
export function sessionEndOf(event: Pick<UserEvent, 'type' | 'data'>): RevokeReason | null {
  switch (event.type) {
    case 'UserDeactivated':
      return 'deactivated';
    case 'UserChanged':
      return 'role' in event.data ? 'role_changed' : 'unit' in event.data ? 'unit_changed' : null;
    default:
      return null;
  }
}

/**
 * Ends a user's sessions in the transaction that changes their role or unit
 * or deactivates them (and, on deactivation, their unused password links), whoever writes the events (an admin, single sign-on,
 * the seed). The session check of every request would refuse those sessions
 * anyway, since it compares them with the users table the same transaction
 * wrote; revoking them also records why they ended. The wall clock, as for
 * every session time, not the app clock a demo may set to 2012.
 */
export const endSessionsOnUserChange: AppendSubscriber = {
  async onAppended(tx: Sql, events: StoredEvent[]): Promise<void> {
    for (const e of events) {
      if (!e.streamId.startsWith(USER_STREAM_PREFIX)) continue;
      const reason = sessionEndOf(e as unknown as UserEvent);
      const userId = e.streamId.slice(USER_STREAM_PREFIX.length);
      const at = new Date().toISOString();
      if (reason) await revokeSessionsOf(tx, userId, reason, at);
      // A password link mailed before the deactivation would otherwise work again once the user is reactivated.
      if (reason === 'deactivated') await endPasswordLinksOf(tx, userId, at);
    }
  },
};
