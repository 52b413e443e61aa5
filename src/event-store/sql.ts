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

/**
 * The rollback listeners of one write (Sql.whenRolledBack), kept by both group commits: told the
 * latest first, each given the error the one before answered; the write is run again if any asks.
 */
export class RollbackListeners {
  private listeners: RollbackListener[] = [];

  add(listener: RollbackListener): void {
    this.listeners.push(listener);
  }

  /** Tells them, once, that the write's work is rolled back: the error it fails with, and whether one asked to run it again. */
  tell(error: unknown): { error: unknown; redo: boolean } {
    const listeners = this.listeners.reverse();
    this.listeners = [];
    let redo = false;
    for (const listener of listeners) {
      const told = listener(error);
      error = told.error;
      redo ||= told.redo;
    }
    return { error, redo };
  }
}
