import { RollbackListeners, type RollbackListener, type Sql } from './sql';

/**
 * One pooled PostgreSQL connection, held for one batch. `sql` and `send` go
 * straight to the driver, in pipeline mode: a statement leaves at once, behind
 * those sent before it, whether or not they were answered.
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
  /** Whether fn may be run once more from its start when its first run's work is rolled back and a listener asks for it (its Sql has whenRolledBack). */
  redo: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown; redo: boolean };

/** A batch's end, handled from the start: whoever settles the batch awaits it a moment later. */
const ended = (end: Promise<Outcome[]>): { ended: Promise<Outcome[]> } => {
  end.catch(() => undefined);
  return { ended: end };
};

/** An INSERT, UPDATE or DELETE without RETURNING: its answer is no rows, whatever it did. */
const answersNothing = (() => {
  const cache = new Map<string, boolean>();
  return (statement: string): boolean => {
    let nothing = cache.get(statement);
    if (nothing === undefined) {
      nothing = /^\s*(INSERT|UPDATE|DELETE)\b/i.test(statement) && !/\bRETURNING\b/i.test(statement);
      cache.set(statement, nothing);
    }
    return nothing;
  };
})();

/**
 * A task's SQL: a statement that answers nothing is sent and answered at once
 * with no rows, without waiting for the database; the next statement that
 * answers something, and the end of the task, wait for it and fail with its
 * error. On the pipelined connection the read model's rows and checkpoint of a
 * write go out back to back: one round trip under the append lock, not one each.
 * The database runs them in the order sent, so what a task reads after a write
 * sees that write, and its first failure is the task's.
 *
 * In a task that may be run again, whoever did something it must undo should the
 * task's work be rolled back (the event store: the head it expects, the states
 * its subscribers keep) says so with `whenRolledBack`.
 */
class TaskSql implements Sql {
  /**
   * Every statement sent so far answered, in the order sent: rejects with the first that failed,
   * once all of them are answered. After one statement fails PostgreSQL answers each later one
   * with "current transaction is aborted" (or, prepared, "prepared statement … does not exist"):
   * a task reading several things at once (readStates) met one of those first when its answer
   * came back sooner than the failure's, and failed with it; an append refused at a head this
   * process guessed wrong was then a 500, not a write done again (seen as a flaky browser test
   * of a progress report with a file, on PostgreSQL).
   */
  private answered: Promise<void> = Promise.resolve();
  private readonly listeners = new RollbackListeners();
  readonly whenRolledBack?: (listener: RollbackListener) => void;

  constructor(
    private readonly sql: Sql,
    listened: boolean,
  ) {
    if (listened) this.whenRolledBack = (listener) => this.listeners.add(listener);
  }

  get dialect() {
    return this.sql.dialect;
  }

  query<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]> {
    const answer = this.sql.query<T>(statement, params);
    // Settled once this answer and every earlier one are; the earliest failure wins.
    this.answered = Promise.allSettled([this.answered, answer]).then(([earlier, own]) => {
      if (earlier.status === 'rejected') throw earlier.reason;
      if (own.status === 'rejected') throw own.reason;
    });
    // Handled here and awaited below: a failure is reported once, by whoever waits for it.
    this.answered.catch(() => undefined);
    if (answersNothing(statement)) return Promise.resolve([]);
    return this.answered.then(() => answer);
  }

  /** Resolves once every statement sent so far has succeeded; rejects with the first that failed, once all are answered. */
  async settled(): Promise<void> {
    const answered = this.answered;
    this.answered = Promise.resolve();
    await answered;
  }

  /** Tells the listeners, the latest first, that the work is rolled back: the error the task fails with, and whether one asked to run it again. */
  rolledBack(error: unknown): { error: unknown; redo: boolean } {
    return this.listeners.tell(error);
  }
}

/** What a write's listeners are told when its work is rolled back for the batch to be run again one by one, not because of anything it did. */
const RUN_AGAIN = new Error('The batch is run again one write at a time');

/**
 * Runs a task so that a synchronous throw becomes a rejection like any other failure of it, and waits for every
 * statement it sent. `ran` collects the task's Sql, whose listeners are told if the batch then fails as a whole.
 */
const run = (task: Task, connection: PostgresConnection, mayRedo: boolean, ran: TaskSql[]): Promise<Outcome> => {
  const sql = new TaskSql(connection.sql, task.redo);
  ran.push(sql);
  return new Promise((resolve) => resolve(task.fn(sql)))
    .then(async (value) => {
      await sql.settled();
      return value;
    })
    .then(
      (value) => ({ ok: true as const, value }),
      async (error: unknown) => {
        // What it sent before failing must be answered before the savepoint is rolled back to.
        await sql.settled().catch(() => undefined);
        const told = sql.rolledBack(error);
        return { ok: false as const, error: told.error, redo: mayRedo && told.redo };
      },
    );
};

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
 * holds the lock for seven statements (the event, the read models' rows and
 * their checkpoints) and one round trip: decided on the state this process
 * cached, its append is sent without waiting like the rows behind it (TaskSql),
 * and all are answered together at its end. An append refused there (a head
 * this process guessed wrong, a stream another process wrote) fails the write
 * at that end; its savepoint goes back and, for a write that may be run again
 * (Database.write's `redo`, the command runner's), the write runs once more
 * under the same lock, from where the refusal said the log and the stream are.
 *
 * At the start of each batch, right behind the lock and answered with it
 * (`onLocked`), the event store learns the head and the streams other processes
 * appended to since this process last held the lock (EventStore.catchUp), so the
 * batch decides on exact caches and an append is refused only when something
 * wrote without the lock or this process's own transaction rolled back.
 *
 * Chosen over a plpgsql append (it would save no statement the one-statement
 * insert does not, and the hash chain would be computed twice, in SQL and in
 * event-hash.ts, to be kept byte-identical) and over taking the lock later in
 * the write (load, decide and facts would no longer see the log they append to).
 * Bench section 'postgresql' on the 2-core machine with nothing else running
 * (2026-12-01, docs/performance-history.md "The evening of 2026-12-01"): one instance 36 % → 67–70 %
 * of SQLite's progress writes with the append sent without waiting and the
 * writes' statements prepared (database.ts). Without HTTP, two processes of 25
 * writers over 200 streams ran 39 % of their writes again before the catch-up
 * and none after; over HTTP two instances against one stayed at 0.74–0.80×,
 * the two cores being the limit (two apps, two load generators, PostgreSQL).
 * What held one instance (2026-12-02, the bench's progress writes, 406 a second): batches of 25
 * writes took 60 ms each, one after the other with 3 ms between them, so the batch loop was never
 * idle while the machine was 72–75% busy: each write waited for its own round trip before the next
 * one in the batch started, behind whatever the event loop did meanwhile. Now a batch whose writes
 * may all be run again sends them one after the other without waiting (allAtOnce) and falls back
 * to one by one only when one of them fails: 50 writers without HTTP 1,360–1,655 → 1,881–2,474
 * writes a second, over HTTP 69% → 77% of SQLite's progress writes (docs/performance-history.md, 2026-12-02).
 *
 * Savepoints are PostgreSQL subtransactions, and past 64 in one transaction
 * every other session's snapshot gets slower: hence the batch limit below it.
 *
 * Whatever a task or the database does, every task is settled and the queue
 * goes on; a batch that failed as a whole (the connection broke, a savepoint
 * could not be taken) rejects each of its tasks with that error.
 */
export class PostgresGroupCommit {
  private readonly queue: Task[] = [];
  private running = false;

  constructor(
    private readonly connect: () => Promise<PostgresConnection>,
    private readonly lockKey: number,
    private readonly maxBatch = 48,
    /**
     * Sends its statements right behind the lock, without a round trip of their own: they are
     * answered once the lock is granted, and the batch's tasks run after that (the event store
     * learns there what other processes appended, see EventStore.catchUp).
     */
    private readonly onLocked: (sql: Sql) => Promise<void> = async () => undefined,
    /**
     * Run once the batch's writes are done, before its COMMIT (Database.beforeCommit); its statements
     * that answer nothing go out without waiting and are answered with the batch's others.
     */
    private readonly beforeCommit: (sql: Sql) => Promise<void> = async () => undefined,
  ) {}

  /** With `redo`, fn may be run a second time, from its start, after its first run's work was rolled back (see TaskSql). */
  write<T>(fn: (sql: Sql) => Promise<T>, redo = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, redo, resolve: resolve as (v: unknown) => void, reject });
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

  /**
   * Returns once the batch's COMMIT (or ROLLBACK) is sent; its tasks are settled when that
   * is answered. The next batch's BEGIN and lock go out meanwhile, on another connection,
   * and PostgreSQL grants the lock as this transaction ends: the lock is not idle while
   * this process waits for the COMMIT's answer and then for the lock's.
   */
  private async commit(batch: Task[]): Promise<void> {
    let connection: PostgresConnection;
    try {
      connection = await this.connect();
    } catch (error) {
      for (const task of batch) task.reject(error);
      return;
    }
    const ran: TaskSql[] = [];
    const settle = async (ended: Promise<Outcome[]>) => {
      try {
        const outcomes = await ended;
        batch.forEach((task, i) => {
          const outcome = outcomes[i];
          if (outcome.ok) task.resolve(outcome.value);
          else task.reject(outcome.error);
        });
      } catch (error) {
        // The caller gets the error that failed the batch, not a ROLLBACK's on a connection that broke.
        await connection.send('ROLLBACK').catch(() => undefined);
        for (const sql of ran.reverse()) sql.rolledBack(error);
        for (const task of batch) task.reject(error);
      } finally {
        await connection.release().catch(() => undefined);
      }
    };
    let ended: Promise<Outcome[]>;
    try {
      ({ ended } = await this.transaction(connection, batch, ran));
    } catch (error) {
      await settle(Promise.reject(error));
      return;
    }
    void settle(ended);
  }

  /**
   * Runs the batch and sends its end: `ended` gives the batch's outcomes, each task's own,
   * once the end is answered, and rejects when the transaction as a whole failed.
   */
  private async transaction(connection: PostgresConnection, batch: Task[], ran: TaskSql[]): Promise<{ ended: Promise<Outcome[]> }> {
    await Promise.all([connection.send('BEGIN'), connection.send('SELECT pg_advisory_xact_lock($1)', [this.lockKey]), this.onLocked(connection.sql)]);
    // A write that may be run again needs its savepoint even alone: it is run again under the same lock.
    if (batch.length === 1 && !batch[0].redo) {
      const outcome = await run(batch[0], connection, false, ran);
      return outcome.ok ? this.commitAfter(connection, [], [outcome]) : ended(connection.send('ROLLBACK').then(() => [outcome]));
    }
    // Bookkeeping sent ahead of the next task's statements and awaited later: a failure
    // there fails the whole batch, since the transaction can no longer be committed.
    const sent: Array<Promise<unknown>> = [];
    const send = (statement: string) => {
      const done = connection.send(statement);
      done.catch(() => undefined);
      sent.push(done);
    };
    const outcomes = (await this.allAtOnce(batch, connection, ran, send)) ?? (await this.oneByOne(batch, connection, ran, send));
    return this.commitAfter(connection, sent, outcomes);
  }

  /**
   * The work before the COMMIT (beforeCommit), its statements answered with those still `pending`,
   * and the COMMIT once all have succeeded: PostgreSQL answers COMMIT in a failed transaction by
   * rolling back, without an error.
   */
  private async commitAfter(connection: PostgresConnection, pending: Array<Promise<unknown>>, outcomes: Outcome[]): Promise<{ ended: Promise<Outcome[]> }> {
    const sql = new TaskSql(connection.sql, false);
    const committing = this.beforeCommit(sql).finally(() => sql.settled());
    committing.catch(() => undefined);
    await Promise.all([...pending, committing]);
    return ended(connection.send('COMMIT').then(() => outcomes));
  }

  /**
   * The batch's writes one after the other without waiting for their answers: each task's
   * statements go out as soon as the one before it has sent its own, and all are answered
   * together at the end, in one round trip instead of one a write. Only when every write may be
   * run again (Database.write's `redo`, the command runner's): should any of them fail, in the
   * database or in its own code, everything the batch did is rolled back to the savepoint taken
   * before the first, each write's listeners are told (the latest first, so the event store's
   * head and the caches go back to where the batch found them), and null is returned for the
   * writes to be run again one by one, each in its savepoint (oneByOne): a failure then fails
   * only its own write, as before.
   *
   * Why: a write waited for its own round trip before the next one of its batch started, behind
   * whatever else the event loop was doing; with 50 writers over 200 streams and no HTTP, the app
   * was more than half idle while the lock was held (bench 'postgresql': see docs/performance-history.md).
   */
  private async allAtOnce(batch: Task[], connection: PostgresConnection, ran: TaskSql[], send: (statement: string) => void): Promise<Outcome[] | null> {
    if (batch.length < 2 || !batch.every((task) => task.redo)) return null;
    send('SAVEPOINT write_batch');
    const tasks: Array<{ sql: TaskSql; value?: unknown }> = [];
    let failure: { at: number; error: unknown } | null = null;
    for (const task of batch) {
      const sql = new TaskSql(connection.sql, true);
      ran.push(sql);
      tasks.push({ sql });
      try {
        tasks[tasks.length - 1].value = await new Promise((resolve) => resolve(task.fn(sql)));
      } catch (error) {
        failure = { at: tasks.length - 1, error };
        break;
      }
    }
    const answers = await Promise.allSettled(tasks.map(({ sql }) => sql.settled()));
    if (!failure) {
      const at = answers.findIndex((answer) => answer.status === 'rejected');
      if (at < 0) return tasks.map(({ value }) => ({ ok: true as const, value }));
      failure = { at, error: (answers[at] as PromiseRejectedResult).reason };
    }
    send('ROLLBACK TO write_batch');
    for (let i = tasks.length - 1; i >= 0; i--) tasks[i].sql.rolledBack(i === failure.at ? failure.error : RUN_AGAIN);
    return null;
  }

  /** The batch's writes one at a time, each in its own savepoint, so that a refused write rolls back alone. */
  private async oneByOne(batch: Task[], connection: PostgresConnection, ran: TaskSql[], send: (statement: string) => void): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const task of batch) {
      // Never released: the next write's savepoint is taken inside this one, and ROLLBACK TO goes back to the
      // newest of that name, its own. As many subtransactions either way, one statement less a write. Measured
      // on PostgreSQL 15 with the driver (10,000 one-row upserts, 25 a transaction, 2-core machine): each in a
      // savepoint taken and released cost the server 72–74 µs and the driver's process 92–102 µs of CPU, in
      // one taken alone 53–54 and 66–71 µs.
      send('SAVEPOINT write_task');
      let outcome = await run(task, connection, task.redo, ran);
      if (!outcome.ok && outcome.redo) {
        send('ROLLBACK TO write_task');
        outcome = await run(task, connection, false, ran);
      }
      if (!outcome.ok) send('ROLLBACK TO write_task');
      outcomes.push(outcome);
    }
    return outcomes;
  }
}
