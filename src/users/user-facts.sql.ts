import type { Sql } from '../event-store/sql';
import { normalEmail, unitAsked, type UserCommand, type UserFacts, type UserState } from './domain/user';

/**
 * Answers a user command's questions from the read models, inside the write
 * transaction, so no other write can come between the answer and the append.
 */
export async function readUserFacts(tx: Sql, command: UserCommand, state: UserState | null): Promise<UserFacts> {
  let emailTaken = false;
  if (command.type === 'CreateUser') {
    emailTaken = (await tx.query('SELECT id FROM users WHERE email = ? AND id <> ?', [normalEmail(command.email), command.userId])).length > 0;
  }
  const unitId = unitAsked(command, state);
  let unit: UserFacts['unit'] = null;
  if (unitId !== null) {
    // SELECT *: `retired_at` comes with the units' own events; until a database has it, every unit is in use.
    const [row] = await tx.query<{ retired_at?: string | null }>('SELECT * FROM units WHERE id = ?', [unitId]);
    unit = { id: unitId, exists: row !== undefined, active: row !== undefined && (row.retired_at ?? null) === null };
  }
  const [admins] = await tx.query<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND deactivated_at IS NULL AND id <> ?",
    [state?.id ?? (command.type === 'CreateUser' ? command.userId : '')],
  );
  return { emailTaken, unit, otherActiveAdmins: Number(admins.n) };
}
