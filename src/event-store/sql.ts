export type Dialect = 'sqlite' | 'postgres';

/**
 * The SQL the store and the read models speak: `?` placeholders on both databases.
 * On its own so the transaction runners (database.ts, group-commit.ts) can both
 * name it without importing each other.
 */
export interface Sql {
  readonly dialect: Dialect;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * In a write on SQLite (group-commit.ts), and in a PostgreSQL write that may be run again from
   * its start (Database.write with `redo`), whose statements are answered after it went on:
   * `listener` is told if what was done through this Sql is rolled back, with the error that
   * failed it, and says what the write fails with instead and, on PostgreSQL, whether to run it
   * once more (see postgres-group-commit.ts).
   */
  whenRolledBack?(listener: RollbackListener): void;
}

export type RollbackListener = (error: unknown) => { error: unknown; redo: boolean };
