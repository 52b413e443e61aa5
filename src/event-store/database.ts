import type { DataSource, QueryRunner } from 'typeorm';
import { GroupCommitQueue } from './group-commit';
import type { Dialect, Sql } from './sql';

export type { Dialect, Sql } from './sql';

/** Any constant will do: one advisory lock serializes appends across every process sharing the database. */
const APPEND_LOCK_KEY = 73_626_012;

const toPostgresPlaceholders = (() => {
  const cache = new Map<string, string>();
  return (sql: string): string => {
    let converted = cache.get(sql);
    if (converted === undefined) {
      let n = 0;
      converted = sql.replace(/\?/g, () => `$${++n}`);
      cache.set(sql, converted);
    }
    return converted;
  };
})();

/**
 * Transactions over the TypeORM data source.
 *
 * On SQLite every query shares one connection, so all work is serialized by
 * a FIFO queue around `BEGIN IMMEDIATE … COMMIT` (writers that queue up share
 * one commit, see group-commit.ts), and reads wait their turn in the same
 * queue so they never see another request's uncommitted writes. On PostgreSQL
 * each transaction has its own pooled connection and appends are serialized by
 * an advisory lock: the global position and the hash chain need each event to
 * know the one before it, and a sequence could commit out of order or leave
 * gaps.
 */
export class Database {
  readonly dialect: Dialect;
  private sqliteQueue: GroupCommitQueue | null = null;

  constructor(readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** A serialized read-write transaction. Commits when fn resolves, rolls back when it throws. */
  async write<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') return this.queue().write(fn);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN');
      try {
        await runner.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
        const result = await fn(this.wrap(runner));
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        // The caller gets the error that failed the work, not a ROLLBACK's on a connection that broke
        // (TypeORM then releases that connection with its error, so the pool does not hand it out again).
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /** A consistent read: on SQLite in its turn in the queue, on PostgreSQL in a read-only snapshot. */
  async read<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') {
      return this.queue().read(fn);
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let result: T;
      try {
        result = await fn(this.wrap(runner));
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await runner.query('COMMIT');
      return result;
    } finally {
      await runner.release();
    }
  }

  /** One read statement, no transaction. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.read((s) => s.query<T>(sql, params));
  }

  private queue(): GroupCommitQueue {
    this.sqliteQueue ??= new GroupCommitQueue(this.wrap(this.dataSource.createQueryRunner()));
    return this.sqliteQueue;
  }

  private wrap(runner: QueryRunner): Sql {
    const postgres = this.dialect === 'postgres';
    return {
      dialect: this.dialect,
      // The structured result, so both databases answer with the rows alone: for an
      // UPDATE … RETURNING, TypeORM's plain result on PostgreSQL is [rows, count].
      query: async <T>(sql: string, params: unknown[] = []) => {
        const result = await runner.query(postgres ? toPostgresPlaceholders(sql) : sql, params, true);
        return (result.records ?? []) as T[];
      },
    };
  }
}
