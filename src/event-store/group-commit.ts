import { RollbackListeners, type RollbackListener, type Sql } from './sql';

interface Task {
  kind: 'read' | 'write';
  fn: (sql: Sql) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Runs a task so that a synchronous throw becomes a rejection like any other failure of it. */
const run = (task: Task, sql: Sql): Promise<unknown> => new Promise((resolve) => resolve(task.fn(sql)));

/**
 * A write's SQL in a batch: whoever keeps something of the write outside the database (the
 * command runner a state it folded) says with `whenRolledBack` what to undo should the write's
 * work be rolled back, its savepoint or the whole transaction. The listeners are told the latest
 * first; what one answers is the error the write then fails with. Nothing is run again here
 * (`redo` is for PostgreSQL, where a refusal comes at the write's end): on SQLite a write that
 * decided on a stale state finds out in its own run (CommandRunner.wasStale).
 */
class WriteSql implements Sql {
  readonly dialect;
  private readonly listeners = new RollbackListeners();

  constructor(private readonly sql: Sql) {
    this.dialect = sql.dialect;
  }

  query<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]> {
    return this.sql.query<T>(statement, params);
  }

  whenRolledBack(listener: RollbackListener): void {
    this.listeners.add(listener);
  }

  /** The error the write fails with, as its listeners answer. */
  rolledBack(error: unknown): unknown {
    return this.listeners.tell(error).error;
  }
}

/**
 * Runs SQLite work one at a time, in arrival order, on the single connection
 * TypeORM gives SQLite. Writes that queue up while one runs are committed
 * together: one `BEGIN IMMEDIATE … COMMIT`, each write in its own savepoint
 * so a refused write rolls back alone. No write is answered before the
 * COMMIT that made it durable, so a 2xx still means "on disk"; the fsync is
 * shared, which is what lets many concurrent writers through.
 *
 * Whatever a task or the database does, every task is settled and the queue
 * goes on: `drain` catches everything (a rejection escaping it would be
 * unhandled and end the process, and every later caller would wait forever),
 * and a transaction that could not be closed is rolled back before the next
 * batch begins, so one failure never becomes every later write's failure.
 */
export class GroupCommitQueue {
  private readonly queue: Task[] = [];
  private running = false;
  /** Set when a BEGIN, COMMIT or ROLLBACK failed: the connection may still be inside a transaction. */
  private transactionMayBeOpen = false;

  constructor(
    private readonly sql: Sql,
    private readonly maxBatch = 64,
    /** Run in each transaction that is to be committed, after its writes and before its COMMIT (Database.beforeCommit). */
    private readonly beforeCommit: (sql: Sql) => Promise<void> = async () => undefined,
  ) {}

  write<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.enqueue('write', fn);
  }

  read<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.enqueue('read', fn);
  }

  get waiting(): number {
    return this.queue.length;
  }

  private enqueue<T>(kind: Task['kind'], fn: (sql: Sql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind, fn, resolve: resolve as (v: unknown) => void, reject });
      void this.drain();
    });
  }

  /** Never rejects: every failure is handed to the tasks it concerns. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        if (this.queue[0].kind === 'read') {
          const task = this.queue.shift()!;
          await this.closeLeftoverTransaction();
          await run(task, this.sql).then(task.resolve, task.reject);
          continue;
        }
        // Let the event loop take in requests that arrived meanwhile: the work above ran in
        // microtasks, so without this pause no other writer could ever join the batch.
        await new Promise((resolve) => setImmediate(resolve));
        const batch: Task[] = [];
        while (this.queue.length > 0 && this.queue[0].kind === 'write' && batch.length < this.maxBatch) batch.push(this.queue.shift()!);
        await this.commit(batch).catch((error: unknown) => {
          this.transactionMayBeOpen = true;
          for (const task of batch) task.reject(error);
        });
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Task[]): Promise<void> {
    const single = batch.length === 1;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.closeLeftoverTransaction();
      await this.sql.query('BEGIN IMMEDIATE');
    } catch (error) {
      // Perhaps because a transaction is still open: the next batch rolls it back first.
      this.transactionMayBeOpen = true;
      for (const task of batch) task.reject(error);
      return;
    }
    // The writes' SQL, to tell their listeners when their work is rolled back (the latest write first).
    const ran: WriteSql[] = [];
    try {
      for (const task of batch) {
        if (!single) await this.sql.query('SAVEPOINT write_task');
        const sql = new WriteSql(this.sql);
        ran.push(sql);
        try {
          const value = await run(task, sql);
          if (!single) await this.sql.query('RELEASE write_task');
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (!single) {
            await this.sql.query('ROLLBACK TO write_task');
            await this.sql.query('RELEASE write_task');
          }
          ran.pop();
          outcomes.push({ ok: false, error: sql.rolledBack(error) });
        }
      }
      if (single && !outcomes[0].ok) await this.sql.query('ROLLBACK');
      else {
        await this.beforeCommit(this.sql);
        await this.sql.query('COMMIT');
      }
    } catch (error) {
      // The transaction itself failed (a savepoint that could not be rolled back, disk full,
      // an I/O error): nothing of the batch is durable.
      await this.sql.query('ROLLBACK').catch(() => {
        this.transactionMayBeOpen = true;
      });
      for (const sql of ran.reverse()) sql.rolledBack(error);
      for (const task of batch) task.reject(error);
      return;
    }
    batch.forEach((task, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) task.resolve(outcome.value);
      else task.reject(outcome.error);
    });
  }

  /** After a failed BEGIN, COMMIT or ROLLBACK: end whatever transaction may be left (an error here means there was none). */
  private async closeLeftoverTransaction(): Promise<void> {
    if (!this.transactionMayBeOpen) return;
    this.transactionMayBeOpen = false;
    await this.sql.query('ROLLBACK').catch(() => undefined);
  }
}
