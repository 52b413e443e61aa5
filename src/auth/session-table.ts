import { createHash } from 'node:crypto';
import type { Sql } from '../event-store/database';
import type { Role } from '../kernel/actor';
import type { SessionWithUser } from './session-validity';

/** Why a session was ended, as stored in `sessions.revoked_reason`. */
export type RevokeReason = 'signed_out' | 'signed_in_again' | 'deactivated' | 'role_changed' | 'unit_changed' | 'password_changed' | 'production';

/**
 * The row's key is the SHA-256 of the token's `jti`, not the `jti` itself:
 * whoever reads the sessions table (a backup, a replica) learns no handle
 * that a forged token could carry.
 */
export const sessionIdOf = (jti: string): string => createHash('sha256').update(jti, 'utf8').digest('hex');

export async function insertSession(
  tx: Sql,
  s: { id: string; userId: string; role: Role; unit: string | null; createdAt: string; expiresAt: string },
): Promise<void> {
  // Sessions past their expiry are useless; the sign-in that makes a new one sweeps them (an index range scan, usually empty).
  await tx.query('DELETE FROM sessions WHERE expires_at < ?', [s.createdAt]);
  await tx.query('INSERT INTO sessions (id, user_id, role, unit, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
    s.id,
    s.userId,
    s.role,
    s.unit,
    s.createdAt,
    s.expiresAt,
  ]);
}

/** The one lookup on every signed-in request: the session by its primary key, with its user and their credentials by theirs. */
const SESSION_WITH_USER = `SELECT s.id AS session_id, s.user_id, s.role AS session_role, s.unit AS session_unit, s.created_at, s.expires_at, s.revoked_at,
            u.id, u.email, u.name, u.role, u.unit, u.language, u.deactivated_at, c.password_changed_at
       FROM sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN user_credentials c ON c.user_id = s.user_id`;

export async function findSessionWithUser(sql: Sql, id: string): Promise<SessionWithUser | undefined> {
  const [row] = await sql.query<SessionWithUser>(`${SESSION_WITH_USER} WHERE s.id = ?`, [id]);
  return row;
}

/** The same lookup for several sessions in one statement (PostgreSQL's `= ANY`), each answer in the place of its id. */
export async function findSessionsWithUsers(sql: Sql, ids: readonly string[]): Promise<Array<SessionWithUser | undefined>> {
  const rows = await sql.query<SessionWithUser & { session_id: string }>(`${SESSION_WITH_USER} WHERE s.id = ANY(?)`, [ids]);
  const byId = new Map(rows.map((row) => [row.session_id, row]));
  return ids.map((id) => byId.get(id));
}

export async function revokeSession(tx: Sql, id: string, reason: RevokeReason, at: string): Promise<void> {
  await tx.query('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL', [at, reason, id]);
}

export async function revokeSessionsOf(tx: Sql, userId: string, reason: RevokeReason, at: string): Promise<void> {
  await tx.query('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL', [at, reason, userId]);
}
