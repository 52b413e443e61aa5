import type BetterSqlite3 from 'better-sqlite3';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { GroupCommitQueue } from './group-commit';
import { PostgresGroupCommit, type PostgresConnection } from './postgres-group-commit';
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
 * The name a write's statement, or a one-statement read's, is prepared under, once on each pooled
 * connection: PostgreSQL then parses and plans it once per connection, not at every write, and a
 * write's statements are all run under the append lock. Only the first distinct statements get a
 * name (a bound on what every connection keeps prepared); the write path's are a few dozen, the
 * one-statement reads' a dozen. Measured with 50 writers through the command runner in one process
 * (an event, a read-model row and a checkpoint each; PostgreSQL 15 on the 2-core machine, runs
 * alternating): 1,729–2,876 writes/s prepared against 760–1,078 unprepared, in five runs each.
 */
const preparedName = (() => {
  const names = new Map<string, string>();
  return (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < 200) {
      name = `statement_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
})();

/**
 * Holds what is sent on a pooled connection until the code that sent it has run
 * to its next wait: the statements one turn of the event loop sends (a BEGIN and
 * the first read, a write's read-model rows, the savepoints around them) leave in
 * one write to the socket, not one each. Each write to the socket is a system
 * call and a wake-up of the server; on a busy machine they were a quarter of the
 * app's time on reads. Without the driver's socket (another driver version), a no-op.
 */
function sentTogether(client: PoolClient): () => void {
  const socket = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  if (typeof socket?.cork !== 'function' || typeof socket.uncork !== 'function') return () => undefined;
  let held = false;
  return () => {
    if (held) return;
    held = true;
    socket.cork!();
    // After the promise jobs queued now and those they queue: when the sender waits for an answer.
    process.nextTick(() => {
      held = false;
      socket.uncork!();
    });
  };
}

/**
 * Transactions over the TypeORM data source.
 *
 * On SQLite every query shares one connection, so all work is serialized by
 * a FIFO queue around `BEGIN IMMEDIATE … COMMIT` (writers that queue up share
 * one commit, see group-commit.ts), and reads wait their turn in the same
 * queue so they never see another request's uncommitted writes. On PostgreSQL
 * reads each have a pooled connection of their own, and writes are serialized
 * across processes by an advisory lock held from BEGIN to COMMIT: the global
 * position and the hash chain need each event to know the one before it (a
 * sequence could commit out of order or leave gaps), and load, decide and
 * append must see the same log. The writes of one process are committed
 * together under one lock (postgres-group-commit.ts).
 */
export class Database {
  readonly dialect: Dialect;
  private sqliteQueue: GroupCommitQueue | null = null;
  private postgresWrites: PostgresGroupCommit | null = null;
  private readonly lockedHooks: Array<(tx: Sql) => Promise<void>> = [];
  private readonly committingHooks: Array<(tx: Sql) => Promise<void>> = [];

  constructor(readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * A serialized read-write transaction. Commits when fn resolves, rolls back when it throws.
   * With `redo` (fn can be run again from its start and does nothing outside the transaction
   * before it ends), on PostgreSQL fn may be run a second time after its first run's work was
   * rolled back, when what was done through its Sql asks for it (Sql.whenRolledBack).
   */
  async write<T>(fn: (tx: Sql) => Promise<T>, options: { redo?: boolean } = {}): Promise<T> {
    if (this.dialect === 'sqlite') return this.queue().write(fn);
    this.postgresWrites ??= new PostgresGroupCommit(
      () => this.connection(true),
      APPEND_LOCK_KEY,
      undefined,
      async (tx) => {
        await Promise.all(this.lockedHooks.map((hook) => hook(tx)));
      },
      (tx) => this.committing(tx),
    );
    return this.postgresWrites.write(fn, options.redo ?? false);
  }

  /**
   * On PostgreSQL, `hook` runs at the start of every write transaction, once it holds the append
   * lock and before any write in it; its statements are sent behind the lock's, so it costs no
   * round trip of its own. Another process may have appended since this one last held the lock.
   */
  whenLocked(hook: (tx: Sql) => Promise<void>): void {
    this.lockedHooks.push(hook);
  }

  /**
   * `hook` runs at the end of every write transaction that is to be committed, after its writes and
   * before its COMMIT, once for all the writes committed together (group-commit.ts,
   * postgres-group-commit.ts): the work a batch needs done once rather than once a write.
   */
  beforeCommit(hook: (tx: Sql) => Promise<void>): void {
    this.committingHooks.push(hook);
  }

  private async committing(tx: Sql): Promise<void> {
    for (const hook of this.committingHooks) await hook(tx);
  }

  /**
   * A consistent read: on SQLite in its turn in the queue, on PostgreSQL in a read-only snapshot.
   * With `sentAtOnce`, fn makes all its statements before it first waits (readStates does): on
   * PostgreSQL the COMMIT then leaves with them, in one write to the socket and one round trip,
   * and a statement fn would make later is refused, not run outside the snapshot. Measured on
   * the detail, one instance, 50 connections: see docs/performance-history.md (2026-12-02, afternoon).
   */
  async read<T>(fn: (sql: Sql) => Promise<T>, options: { sentAtOnce?: boolean } = {}): Promise<T> {
    if (this.dialect === 'sqlite') {
      return this.queue().read(fn);
    }
    const { sql, send, release } = await this.connection();
    try {
      // Sent ahead of fn's first statement rather than awaited on its own: a round trip less.
      const begun = send('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      begun.catch(() => undefined);
      const atOnce = options.sentAtOnce ? untilCommitted(sql) : null;
      // A throw before fn's first wait becomes its rejection, after the statements it made.
      const answer = new Promise<T>((resolve) => resolve(fn(atOnce?.sql ?? sql)));
      // Sent at once: fn's statements are all made by now, and the COMMIT leaves with them.
      let ended: Promise<unknown> | null = null;
      if (atOnce) {
        atOnce.close();
        ended = send('COMMIT');
        ended.catch(() => undefined);
      }
      let result: T;
      try {
        result = await answer;
        await begun;
      } catch (error) {
        await begun.catch(() => undefined);
        // After a failed statement PostgreSQL answers COMMIT by rolling back.
        await (ended ?? send('ROLLBACK')).catch(() => undefined);
        throw error;
      }
      await (ended ?? send('COMMIT'));
      return result;
    } finally {
      await release();
    }
  }

  /**
   * One read statement, no transaction (on PostgreSQL one statement is a consistent snapshot on its own).
   * Prepared on PostgreSQL, unlike read's: these are a dozen small lookups (by key, or the oldest few
   * of a queue) planned alike for any value, and one is the session check of every request. Its join
   * parsed and planned each time cost the server 307 µs a request, prepared 47 µs (3,000 runs on the
   * bench's database, 2-core machine); over the bench's HTTP progress writes, PostgreSQL's CPU a write
   * went from 1.31–1.79 ms to 0.98–1.13 ms (four runs each, alternating, the machine busy with other
   * work). The bench's ratio to SQLite did not move with it (51–60% before, 53–56% after): one
   * instance is held by its batches' round trips, not by CPU (postgres-group-commit.ts).
   */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.dialect === 'sqlite') return this.read((s) => s.query<T>(sql, params));
    const connection = await this.connection(true);
    try {
      return await connection.sql.query<T>(sql, params);
    } finally {
      await connection.release();
    }
  }

  /**
   * A pooled PostgreSQL connection, taken and given back through TypeORM, whose statements
   * go straight to the driver: it sends each at once (the pool is pipelined), so a statement
   * leaves ahead of any sent after it, and TypeORM's per-query work is skipped. With
   * `prepared` (the writes, the one-statement reads), the app's statements are prepared statements (preparedName).
   */
  private async connection(prepared = false): Promise<PostgresConnection> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const together = sentTogether(client);
    const send = (statement: string, params?: unknown[]) => {
      together();
      return client.query(statement, params);
    };
    const query = (text: string, values: unknown[]) => {
      if (!prepared) return send(text, values);
      together();
      return client.query({ name: preparedName(text), text, values });
    };
    return {
      sql: {
        dialect: 'postgres',
        query: async <T>(sql: string, params: unknown[] = []) => (await query(toPostgresPlaceholders(sql), params)).rows as T[],
      },
      send,
      // TypeORM releases a connection that broke with its error, so the pool does not hand it out again.
      release: () => runner.release(),
    };
  }

  private queue(): GroupCommitQueue {
    this.sqliteQueue ??= new GroupCommitQueue(
      sqliteSql((this.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection),
      undefined,
      (tx) => this.committing(tx),
    );
    return this.sqliteQueue;
  }
}

/**
 * The Sql of a PostgreSQL read sent at once: once `close`d (its COMMIT sent), a statement is refused,
 * not run outside the snapshot.
 */
function untilCommitted(sql: Sql): { sql: Sql; close: () => void } {
  let open = true;
  return {
    sql: {
      dialect: sql.dialect,
      query: <R>(statement: string, params?: unknown[]) =>
        open ? sql.query<R>(statement, params) : Promise.reject(new Error(`A read sent at once made a statement after its first wait: ${statement.slice(0, 60)}`)),
    },
    close: () => {
      open = false;
    },
  };
}

/**
 * SQLite's one connection as the app's Sql: better-sqlite3's own, each statement prepared once
 * and kept. Through TypeORM's query runner every statement also went through its logger, its
 * subscribers' broadcasts, a result object and several promise hops: 7% of the command path's
 * profile (progress notes, one per transaction), now 1%. TypeORM still opens, configures and
 * migrates the connection (data-source.ts).
 */
const sqliteSql = (connection: BetterSqlite3.Database): Sql => {
  // First in, first out beyond 500 (as TypeORM's cache): the app's statements are far fewer, but an IN list's length makes its own.
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    dialect: 'sqlite',
    query: async <T>(sql: string, params: unknown[] = []) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        if (statements.size >= 500) statements.delete(statements.keys().next().value!);
        statements.set(sql, (statement = connection.prepare(sql)));
      }
      // better-sqlite3 binds no booleans: SQLite stores them as 0 and 1.
      const values = params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
      if (statement.reader) return statement.all(...values) as T[];
      statement.run(...values);
      return [];
    },
  };
};
