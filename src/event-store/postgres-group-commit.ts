import type { Sql } from './sql';

/**
 * One pooled PostgreSQL connection, held for one batch. `send` goes straight to
 * the driver, which queues statements on the connection in the order they are
 * sent: the next one leaves as soon as the one before is answered, without
 * waiting for this process's event loop to come round to it.
 */
export interface PostgresConnection {
  /** What the tasks are given: the app's `?` SQL. */
  readonly sql: Sql;
  send(statement: string, params?: unknown[]): Promise<unknown>;
  /** Back to the pool. */
  release(): Promise<void>;
}

interface Task {
  fn: (sql: Sql) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Runs a task so that a synchronous throw becomes a rejection like any other failure of it. */
const run = (task: Task, sql: Sql): Promise<Outcome> =>
  new Promise((resolve) => resolve(task.fn(sql))).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * PostgreSQL writes of one process, committed together, as on SQLite
 * (group-commit.ts): the writers that queued while a batch ran go in the next
 * one, in one transaction that holds the append lock, each in its own
 * savepoint so a refused write rolls back alone. No write is answered before
 * the COMMIT that made it durable.
 *
 * Why: every write holds the global append lock from BEGIN to COMMIT (load,
 * decide and append must see the same log, see database.ts), so writes are
 * serial however many connections wait, and each statement under the lock
 * waits for a busy event loop to send the next one. Issue #10 measured the lock
 * held 6–9 ms per write on one instance, 79 % of it waiting for Node. A batch
 * takes the lock, BEGINs and COMMITs once for many writes, and the savepoints
 * travel with the statements beside them instead of costing round trips of
 * their own. With the one-statement append (event-store.ts) a progress report
 * holds the lock for four statements instead of eight.
 *
 * Chosen over a plpgsql append (it would save no statement the one-statement
 * insert does not, and the hash chain would be computed twice, in SQL and in
 * event-hash.ts, to be kept byte-identical) and over taking the lock later in
 * the write (load, decide and facts would no longer see the log they append to).
 * Bench section 'postgresql' on a 2-core machine at low load, 50 connections
 * (before: one round of 10 s; after: medians of 3 rounds of 5 s): PostgreSQL
 * one instance 25 % → 37 % of SQLite's progress writes; two instances against
 * one, writes 0.51× → 1.29×, reads 0.70× → 1.12× (two apps, two load
 * generators and PostgreSQL share the two cores).
 *
 * Savepoints are PostgreSQL subtransactions, and past 64 in one transaction
 * every other session's snapshot gets slower: hence the batch limit below it.
 *
 * Whatever a task or the database does, every task is settled and the queue
 * goes on; a batch that failed as a whole (the connection broke, a savepoint
 * could not be released) rejects each of its tasks with that error.
 */
export class PostgresGroupCommit {
  private readonly queue: Task[] = [];
  private running = false;

  constructor(
    private readonly connect: () => Promise<PostgresConnection>,
    private readonly lockKey: number,
    private readonly maxBatch = 48,
  ) {}

  write<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      void this.drain();
    });
  }

  /** Never rejects: every failure is handed to the tasks it concerns. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // Let the event loop take in requests that arrived meanwhile, so they join this batch.
        await new Promise((resolve) => setImmediate(resolve));
        await this.commit(this.queue.splice(0, this.maxBatch));
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Task[]): Promise<void> {
    let connection: PostgresConnection;
    try {
      connection = await this.connect();
    } catch (error) {
      for (const task of batch) task.reject(error);
      return;
    }
    try {
      const outcomes = await this.transaction(connection, batch);
      batch.forEach((task, i) => {
        const outcome = outcomes[i];
        if (outcome.ok) task.resolve(outcome.value);
        else task.reject(outcome.error);
      });
    } catch (error) {
      // The caller gets the error that failed the batch, not a ROLLBACK's on a connection that broke.
      await connection.send('ROLLBACK').catch(() => undefined);
      for (const task of batch) task.reject(error);
    } finally {
      await connection.release().catch(() => undefined);
    }
  }

  /** The batch's outcomes, each task's own; throws when the transaction as a whole failed. */
  private async transaction(connection: PostgresConnection, batch: Task[]): Promise<Outcome[]> {
    const { sql } = connection;
    await Promise.all([connection.send('BEGIN'), connection.send('SELECT pg_advisory_xact_lock($1)', [this.lockKey])]);
    if (batch.length === 1) {
      const [outcome] = [await run(batch[0], sql)];
      await connection.send(outcome.ok ? 'COMMIT' : 'ROLLBACK');
      return [outcome];
    }
    const outcomes: Outcome[] = [];
    // Bookkeeping sent ahead of the next task's statements and awaited later: a failure
    // there fails the whole batch, since the transaction can no longer be committed.
    const sent: Array<Promise<unknown>> = [];
    const send = (statement: string) => {
      const done = connection.send(statement);
      done.catch(() => undefined);
      sent.push(done);
    };
    for (const task of batch) {
      send('SAVEPOINT write_task');
      const outcome = await run(task, sql);
      if (outcome.ok) {
        send('RELEASE write_task');
      } else {
        send('ROLLBACK TO write_task');
        send('RELEASE write_task');
      }
      outcomes.push(outcome);
    }
    await Promise.all(sent);
    await connection.send('COMMIT');
    return outcomes;
  }
}
