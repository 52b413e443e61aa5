/**
 * A first-in, first-out lock. SQLite through TypeORM runs every query on one
 * connection, so two transactions that overlap in time would break each other;
 * every transaction on SQLite runs inside this lock, one after the other, in
 * the order they asked.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  run<T>(fn: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return result;
  }

  get queued(): number {
    return this.waiting;
  }
}
