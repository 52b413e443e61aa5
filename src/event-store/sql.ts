export type Dialect = 'sqlite' | 'postgres';

/**
 * The SQL the store and the read models speak: `?` placeholders on both databases.
 * On its own so the transaction runners (database.ts, group-commit.ts) can both
 * name it without importing each other.
 */
export interface Sql {
  readonly dialect: Dialect;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}
