import type { Role } from '../kernel/actor';

/** A session row joined with its user's current row; the user's columns are null when the user row is gone. */
export interface SessionWithUser {
  user_id: string;
  session_role: Role;
  session_unit: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  id: string | null;
  email: string | null;
  name: string | null;
  role: Role | null;
  unit: string | null;
  language: 'sv' | 'en' | null;
  deactivated_at: string | null;
  password_changed_at: string | null;
}

export type SessionEnd =
  | 'unknown'
  | 'other_user'
  | 'revoked'
  | 'expired'
  | 'user_deleted'
  | 'deactivated'
  | 'role_changed'
  | 'unit_changed'
  | 'password_changed';

/**
 * Why a session no longer lets its token in, or null while it does. A
 * session is the user as they were when they signed in: once the user's
 * role, unit or password is not what it was then, or the user is gone or
 * deactivated, the session is over, even if no one remembered to revoke it
 * (an admin's SQL, a seed, another instance).
 */
export function sessionEnd(row: SessionWithUser | undefined, subject: string, now: Date): SessionEnd | null {
  if (!row) return 'unknown';
  if (row.user_id !== subject) return 'other_user';
  if (row.revoked_at !== null) return 'revoked';
  if (!(Date.parse(row.expires_at) > now.getTime())) return 'expired';
  if (row.id === null) return 'user_deleted';
  if (row.deactivated_at !== null) return 'deactivated';
  if (row.role !== row.session_role) return 'role_changed';
  if ((row.unit ?? null) !== (row.session_unit ?? null)) return 'unit_changed';
  // Written this way round so that a timestamp that does not parse ends the session rather than keeping it.
  if (row.password_changed_at !== null && !(Date.parse(row.password_changed_at) <= Date.parse(row.created_at))) return 'password_changed';
  return null;
}
