import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { invalid } from '../../kernel/domain-error';
import type { Role } from '../../kernel/actor';
import { ListUsersQuery, type UserView } from '../users.cqrs';
import { parseUserSort, userPage } from './user-order';

export const DEFAULT_PAGE_SIZE = 100;

/** A users row with the last sign-in from the credentials: what a list or a page of one user shows. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  unit: string | null;
  language: 'sv' | 'en';
  deactivated_at: string | null;
  last_sign_in_at: string | null;
  state: string | null;
}

export const USER_COLUMNS = 'u.id, u.email, u.name, u.role, u.unit, u.language, u.deactivated_at, u.state, c.last_sign_in_at';
export const USER_FROM = 'users u LEFT JOIN user_credentials c ON c.user_id = u.id';

export const rowToView = (r: UserRow): UserView => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  unit: r.unit ?? null,
  language: r.language,
  active: r.deactivated_at === null,
  lastSignInAt: r.last_sign_in_at ?? null,
});

/* The cursor is the page's last address, encoded so that clients take it as the opaque token it is. */
const cursorOf = (email: string): string => Buffer.from(email, 'utf8').toString('base64url');
function emailOf(after: string): string {
  const email = Buffer.from(after, 'base64url').toString('utf8');
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid(`after "${after}" is not a cursor from X-Next-After`, [{ field: 'after', message: 'must be the X-Next-After of the previous page' }]);
  return email;
}

/** The users by address, a page at a time, with how many there are in all. */
@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery> {
  constructor(private readonly db: Database) {}

  async execute({ page, view }: ListUsersQuery) {
    const sort = parseUserSort(view.sort);
    if (sort || view.q) {
      const rows = await this.db.read((sql) => sql.query<UserRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM}`));
      return userPage(rows.map(rowToView), { sort, q: view.q }, page);
    }
    const after = page.after === null ? null : emailOf(page.after);
    return this.db.read(async (sql) => {
      const [count] = await sql.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM users');
      const rows = await sql.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM ${USER_FROM} ${after === null ? '' : 'WHERE u.email > ?'} ORDER BY u.email LIMIT ?`,
        after === null ? [page.limit + 1] : [after, page.limit + 1],
      );
      const more = rows.length > page.limit;
      const items = rows.slice(0, page.limit);
      return { items: items.map(rowToView), total: Number(count.n), nextAfter: more ? cursorOf(items[items.length - 1].email) : null };
    });
  }
}
