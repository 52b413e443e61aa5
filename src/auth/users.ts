import { randomUUID } from 'node:crypto';
import type { Database } from '../event-store/database';
import type { Actor, Role } from '../kernel/actor';
import { hashPassword } from './password';

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
  password_hash: string;
}

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, role: r.role, unit: r.unit ?? null, language: r.language });

/** Users are configuration, not domain history: a plain table, and every event records who caused it. */
export class Users {
  constructor(private readonly db: Database) {}

  async findByEmail(email: string): Promise<(User & { passwordHash: string }) | null> {
    const [row] = await this.db.query<UserRow>('SELECT * FROM users WHERE email = ?', [email.trim().toLowerCase()]);
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async findById(id: string): Promise<User | null> {
    const [row] = await this.db.query<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    return row ? toUser(row) : null;
  }


  async byRole(role: Role, unit?: string): Promise<User[]> {
    const rows = await this.db.query<UserRow>(
      `SELECT * FROM users WHERE role = ?${unit ? ' AND unit = ?' : ''} ORDER BY email`,
      unit ? [role, unit] : [role],
    );
    return rows.map(toUser);
  }

  async create(user: Omit<User, 'id'> & { id?: string; password: string }, now: string): Promise<User> {
    const id = user.id ?? randomUUID();
    const passwordHash = await hashPassword(user.password);
    await this.db.write((tx) =>
      tx.query(
        'INSERT INTO users (id, email, name, role, unit, language, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [id, user.email.toLowerCase(), user.name, user.role, user.unit, user.language, passwordHash, now],
      ),
    );
    return { id, email: user.email.toLowerCase(), name: user.name, role: user.role, unit: user.unit, language: user.language };
  }
}
