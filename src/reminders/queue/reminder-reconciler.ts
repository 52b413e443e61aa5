import { Logger } from '@nestjs/common';
import type { Database } from '../../event-store/database';
import type { Clock } from '../../kernel/clock';
import { findReminder, relayedRemindersPage, REMINDER_OUTBOX_KIND, toReminder, type ReminderStatus } from '../reminder-table';
import type { ReminderQueue } from './reminder-queue';
import { FIRST_PAGE, JOB_FIELDS, nextCursor, requeuePlan, type ReconcileCursor } from './requeue-plan';
import { CoalescingLoop } from '../../kernel/coalescing-loop';
import { within } from '../../kernel/within';
import { REDIS_TIMEOUT_MS } from './redis-timeout';

/** How often the database and Redis are compared besides on start and on every reconnect. */
const RECONCILE_INTERVAL_MS = 5 * 60 * 1000;
const PAGE = 500;
/** The statuses whose reminders still need a job: waiting to be sent, or claimed by a worker that may have stopped. */
const UNFINISHED = ['scheduled', 'sending'] as const;
const isUnfinished = (status: ReminderStatus) => (UNFINISHED as readonly ReminderStatus[]).includes(status);

export interface Reconciliation {
  /** When the run finished, by the application clock. */
  at: string;
  /** Unfinished, relayed reminders whose job was looked for. */
  checked: number;
  /** Of those, the ones queued again: their job was missing, or had finished without the reminder being recorded. */
  requeued: number;
}

export interface ReconcilerStatus {
  last: Reconciliation | null;
  /** Jobs queued again by this process since it started, counting runs that failed part way. */
  requeuedSinceStart: number;
  /** Why the last run failed, or null; the next run tries again. */
  problem: string | null;
}

/**
 * Redis is a cache of the database, not the only copy: a redis-server that
 * restarts without persistence forgets every delayed job the relay handed it,
 * and the outbox rows of those jobs are already marked relayed. This walks the
 * reminders the database still has to send and queues again each one whose
 * job is not in Redis — on start, on every reconnect and every few minutes.
 * It also runs again a job that finished while its reminder is still
 * unrecorded, so a failure the worker could not record is retried, never
 * left behind in BullMQ's failed set with the reminder 'scheduled' for ever.
 *
 * Why queuing again is safe however the runs fall:
 * - The job id is the reminder id, so BullMQ keeps one job per reminder: two
 *   instances reconciling at once, or the relay queuing the same row, add it
 *   once, and only one of them can move a finished job back to waiting. A job
 *   that is waiting, delayed or running is never touched.
 * - Rows still in the outbox are left to the relay, which owns them until it
 *   marks them relayed, and it marks a row only after Redis took its job.
 * - The worker claims a reminder in the database before sending and refuses
 *   one that is no longer scheduled; so a job added for a reminder that was
 *   sent meanwhile does nothing, and one added for a reminder in 'sending'
 *   (its worker died, or Redis lost the job under it) waits out the claim and
 *   then records what is known, instead of staying 'sending' for ever.
 */
export class ReminderReconciler {
  private readonly logger = new Logger('ReminderReconciler');
  private readonly loop: CoalescingLoop;
  private last: Reconciliation | null = null;
  private requeuedSinceStart = 0;

  constructor(
    private readonly db: Database,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    intervalMs = RECONCILE_INTERVAL_MS,
  ) {
    this.loop = new CoalescingLoop({
      what: 'Reconciling reminder jobs with Redis failed',
      recovered: 'Reconciling reminder jobs with Redis works again',
      pass: async () => {
        const run = await this.reconcile();
        if (run) this.succeeded(run);
      },
      intervalMs,
      logger: this.logger,
    });
    queue.onReady(() => this.kick());
  }

  start(): void {
    this.loop.start();
  }

  /** Reconciles soon; calls while a run is going coalesce into one more run. Before start() it waits for start(). */
  kick(): void {
    this.loop.kick();
  }

  get status(): ReconcilerStatus {
    return { last: this.last, requeuedSinceStart: this.requeuedSinceStart, problem: this.loop.problem };
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private succeeded(run: Reconciliation): void {
    this.last = run;
    if (run.requeued > 0) {
      this.logger.warn(`Queued ${run.requeued} of ${run.checked} unfinished reminders again: their jobs were missing in Redis`);
    }
  }

  /** One pass over the unfinished reminders, page by page; null when Redis is down (the reconnect runs it again). */
  private async reconcile(): Promise<Reconciliation | null> {
    if (!this.queue.ready) return null;
    let checked = 0;
    let requeued = 0;
    for (const status of UNFINISHED) {
      let cursor: ReconcileCursor | null = FIRST_PAGE;
      while (cursor && !this.loop.isStopped) {
        const after: ReconcileCursor = cursor;
        const page = (await this.db.read((sql) => relayedRemindersPage(sql, status, after, PAGE))).map(toReminder);
        if (page.length === 0) break;
        const commands = page.map((reminder) => ['hmget', this.queue.queue.toKey(reminder.id), ...JOB_FIELDS]);
        const replies = await within(this.queue.connection.pipeline(commands).exec(), REDIS_TIMEOUT_MS, 'Looking up reminder jobs in Redis');
        const plan = requeuePlan(page, replies, this.clock.now(), REMINDER_OUTBOX_KIND);
        if (plan.add.length > 0) {
          await within(this.queue.queue.addBulk(plan.add), REDIS_TIMEOUT_MS, 'Adding reminder jobs to Redis');
          this.requeuedSinceStart += plan.add.length;
        }
        let retried = 0;
        for (const reminder of plan.retry) {
          if (await within(this.retryFinished(reminder.id), REDIS_TIMEOUT_MS, 'Retrying a finished reminder job')) retried++;
        }
        this.requeuedSinceStart += retried;
        checked += page.length;
        requeued += plan.add.length + retried;
        cursor = nextCursor(page, PAGE);
      }
    }
    return { at: this.clock.nowIso(), checked, requeued };
  }

  /**
   * Runs a finished job again whose reminder the database still has to
   * record: its attempts ran out on a failure the worker could not record
   * (the database was down when it tried to claim). Its attempts are not
   * reset, so a reminder that keeps failing is tried once per run, not six
   * times, and each failure is logged by the worker. The row is read again
   * first: the page was read before the job was looked up, and a job that
   * finished in between has usually recorded its reminder. Another instance
   * may have retried it a moment ago: then BullMQ refuses, and that is no error.
   */
  private async retryFinished(id: string): Promise<boolean> {
    const row = await this.db.read((sql) => findReminder(sql, id));
    if (!row || !isUnfinished(row.status)) return false;
    const job = await this.queue.queue.getJob(id);
    const state = job ? await job.getState() : 'unknown';
    if (!job || (state !== 'failed' && state !== 'completed')) return false;
    try {
      await job.retry(state);
      this.logger.warn(`Reminder job ${id} had ${state} without the reminder being recorded; it runs again`);
      return true;
    } catch (error) {
      if ((await this.queue.queue.getJobState(id)) === state) throw error;
      return false;
    }
  }
}
