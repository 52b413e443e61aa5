import { Logger } from '@nestjs/common';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Reminder } from '../domain/reminder-plan';
import type { DeliveryResult, ReminderDelivery } from '../delivery/reminder-delivery';
import { isConnectionError, REMINDER_JOB_OPTIONS, REMINDER_QUEUE, redisAddress, redisOptions, RedisOutageLog } from './reminder-queue';

export interface ReminderWorkerOptions {
  redisUrl: string;
  prefix: string;
  concurrency?: number;
  outages?: RedisOutageLog;
}

/**
 * The BullMQ worker for reminder jobs. Several may share one Redis (inside the
 * app, or `npm run worker` processes): BullMQ hands each job to one of them,
 * and ReminderDelivery's claim keeps a job that runs twice from sending twice.
 */
export class ReminderWorker {
  private readonly logger = new Logger('ReminderWorker');
  private worker: Worker<Reminder> | null = null;
  private readonly outages: RedisOutageLog;
  private readonly inHand = new Set<Promise<DeliveryResult>>();

  constructor(
    private readonly delivery: ReminderDelivery,
    private readonly options: ReminderWorkerOptions,
  ) {
    this.outages = options.outages ?? new RedisOutageLog(redisAddress(options.redisUrl));
  }

  start(): void {
    if (this.worker) return;
    const { redisUrl, prefix } = this.options;
    this.worker = new Worker<Reminder>(REMINDER_QUEUE, (job, token) => this.process(job, token), {
      connection: { url: redisUrl, ...redisOptions() },
      prefix,
      concurrency: this.options.concurrency ?? 8,
    });
    // Only a lost connection is an outage: one taken for it (a job's lock not renewed) hid the real one that followed, which a ready event never ended.
    this.worker.on('error', (error: Error) => (isConnectionError(error) ? this.outages.error('worker', error) : this.logger.warn(`Reminder worker: ${error.message}`)));
    this.worker.on('ready', () => this.outages.ready());
    this.worker.on('failed', (job, error) => {
      if (job && !(error instanceof DelayedError)) {
        this.logger.warn(`Reminder job ${job.id} attempt ${job.attemptsMade} failed: ${error.message}`);
      }
    });
  }

  /**
   * Stops taking jobs, waits for the ones in hand (so none is cut off between
   * sending and recording), then closes. BullMQ's own graceful close also
   * waits for its fetch loop, which never returns while Redis is unreachable;
   * with our jobs finished, a forced close loses nothing.
   */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    await worker.pause(true).catch(() => undefined);
    await Promise.allSettled([...this.inHand]);
    await worker.close(true).catch(() => undefined);
  }

  private process(job: Job<Reminder>, token?: string): Promise<DeliveryResult> {
    const run = this.run(job, token);
    this.inHand.add(run);
    return run.finally(() => this.inHand.delete(run));
  }

  private async run(job: Job<Reminder>, token?: string): Promise<DeliveryResult> {
    const attempts = job.opts.attempts ?? REMINDER_JOB_OPTIONS.attempts ?? 1;
    const result = await this.delivery.deliver(job.data.id, { lastAttempt: job.attemptsMade + 1 >= attempts });
    switch (result.type) {
      case 'recorded':
        // recorded as failed in the history already; failing the job too keeps it in BullMQ's failed set
        if (result.outcome === 'failed' && result.permanent) throw new UnrecoverableError(result.detail ?? 'permanent failure');
        return result;
      case 'nothing':
        return result;
      case 'wait':
        await job.moveToDelayed(Date.now() + result.ms, token);
        throw new DelayedError(result.why);
      case 'retry':
        throw result.error;
      default: {
        const unknown: never = result;
        throw new Error(`Unknown delivery result ${JSON.stringify(unknown)}`);
      }
    }
  }
}
