import { Logger } from '@nestjs/common';
import type { Database } from '../../event-store/database';
import type { Clock } from '../../kernel/clock';
import type { Reminder } from '../domain/reminder-plan';
import { dueScheduledIds, REMINDER_OUTBOX_KIND } from '../reminder-table';
import { clockMoved, relayDelay } from './relay-delay';
import type { ReminderQueue } from './reminder-queue';
import { CoalescingLoop } from '../../kernel/coalescing-loop';
import { within } from '../../kernel/within';
import { REDIS_TIMEOUT_MS } from './redis-timeout';

interface OutboxRow {
  id: number | string;
  job_id: string;
  payload: string;
  run_at: string;
}

const BATCH = 500;

/**
 * Moves reminders from the outbox to BullMQ as delayed jobs whose id is the
 * reminder id, and marks their rows relayed. It runs on a short interval, when
 * the planner says it stored something, and when Redis comes back; while Redis
 * is down it does nothing and the rows wait.
 *
 * A row is marked only after Redis took its job, so a crash in between queues
 * it again on the next run: BullMQ ignores an id it still holds, and the worker
 * refuses a reminder that is no longer scheduled, so that costs nothing. Once
 * marked, a row is never relayed again, which is what keeps a reminder whose
 * job was sent and removed from being queued a second time.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly loop: CoalescingLoop;
  private lastOffsetMs: number | null = null;

  constructor(
    private readonly db: Database,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    intervalMs = 500,
  ) {
    this.loop = new CoalescingLoop({
      what: 'Relay paused',
      pass: () => this.pass(),
      intervalMs,
      logger: this.logger,
      // a tick later: the planner kicks from inside the append's transaction, before its commit
      delayMs: 5,
    });
    queue.onReady(() => this.kick());
  }

  start(): void {
    this.loop.start();
  }

  /** Relays soon; calls while a run is going coalesce into one more run. */
  kick(): void {
    this.loop.kick();
  }

  /**
   * What keeps the relay from draining right now (it retries on its own), or
   * null: shown by GET /health/reminders. While Redis cannot be reached the
   * relay does not try (the rows wait), so the outage is its problem.
   */
  get problem(): string | null {
    return this.loop.problem ?? this.queue.problem;
  }

  /** Relays everything pending now; resolves with the number of jobs added. */
  async relayNow(): Promise<number> {
    await this.loop.idle();
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n < BATCH) return total;
    }
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async pass(): Promise<void> {
    while ((await this.relayBatch()) === BATCH && !this.loop.isStopped);
    await this.promoteIfClockMoved();
  }

  private async relayBatch(): Promise<number> {
    if (!this.queue.ready) return 0;
    const rows = await this.db.query<OutboxRow>(
      `SELECT id, job_id, payload, run_at FROM outbox WHERE relayed_at IS NULL AND kind = ? ORDER BY id LIMIT ${BATCH}`,
      [REMINDER_OUTBOX_KIND],
    );
    if (rows.length === 0) return 0;
    const now = this.clock.now();
    await within(
      this.queue.queue.addBulk(
        rows.map((row) => ({
          name: REMINDER_OUTBOX_KIND,
          data: JSON.parse(row.payload) as Reminder,
          opts: { jobId: row.job_id, delay: relayDelay(row.run_at, now) },
        })),
      ),
      REDIS_TIMEOUT_MS,
      'Adding reminder jobs to Redis',
    );
    const relayedAt = this.clock.nowIso();
    await this.db.write((tx) =>
      tx.query(`UPDATE outbox SET relayed_at = ? WHERE id IN (${rows.map(() => '?').join(', ')})`, [relayedAt, ...rows.map((r) => r.id)]),
    );
    return rows.length;
  }

  /**
   * Queued delays were computed from the application clock; when that clock
   * jumps ahead (APP_NOW demos and tests set it), jobs now due would still
   * wait the real time, so they are promoted. A jump back is the worker's to
   * handle: it puts a job that comes too early back to wait.
   */
  private async promoteIfClockMoved(): Promise<void> {
    if (!this.queue.ready) return;
    const offsetMs = this.clock.now().getTime() - Date.now();
    if (!clockMoved(this.lastOffsetMs, offsetMs)) return;
    const due = await this.db.read((sql) => dueScheduledIds(sql, this.clock.nowIso(), 10_000));
    for (const id of due) {
      const job = await this.queue.queue.getJob(id);
      // the job may have started meanwhile: then there is nothing left to promote
      if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
    }
    this.lastOffsetMs = offsetMs;
  }
}
