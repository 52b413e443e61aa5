import { Logger } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import Redis from 'ioredis';
import type { Reminder } from '../domain/reminder-plan';

export const REMINDER_QUEUE = 'reminders';

/**
 * How a reminder job is retried: temporary mail failures back off
 * exponentially (30 s, 1 min, 2 min … about 16 minutes in all) before the
 * last attempt records the failure. Finished jobs are kept a week: BullMQ
 * refuses a job id only while the job exists, and the relay already keeps
 * the ids it queued in the outbox, so this is a second line, not the first.
 */
export const REMINDER_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Redis options for every connection: reconnect forever but quickly, so the outbox drains soon after Redis is back. */
export const redisOptions = () => ({
  retryStrategy: (times: number) => Math.min(250 * times, 2000),
  connectTimeout: 2000,
});

/** host:port of a Redis URL, for log lines that must not carry a password. */
export function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 6379}`;
  } catch {
    return 'redis';
  }
}

/**
 * Says once that Redis is unreachable and once that it is back. ioredis and
 * BullMQ report every failed reconnect as an 'error' event; unhandled, each
 * would be printed (or crash the process), and handled one by one they would
 * fill the log during an outage.
 */
/** Errors of the connection itself (refused, reset, closed, timed out), as opposed to a command or a job's that Redis answered. */
export function isConnectionError(error: Error & { code?: string }): boolean {
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(error.code ?? '') || /connection is closed|connect ETIMEDOUT|stream isn't writeable/i.test(error.message);
}

export class RedisOutageLog {
  private outage: string | null = null;
  private readonly logger = new Logger('Redis');

  constructor(private readonly address: string) {}

  /** What the outage logged when it began, while it lasts: GET /health/reminders shows it. */
  get problem(): string | null {
    return this.outage;
  }

  error(source: string, error: Error): void {
    if (this.outage) return;
    this.outage = `${this.address} unreachable (${source}: ${error.message}); reminders wait in the outbox until it is back`;
    this.logger.warn(this.outage);
  }

  ready(): void {
    if (!this.outage) return;
    this.outage = null;
    this.logger.log(`${this.address} reachable again`);
  }
}

/**
 * The reminder queue as the relay sees it: one Redis connection of its own,
 * whose status says whether adding jobs can work right now. Commands fail at
 * once while it is down (no offline queue), so nothing waits on Redis in the
 * write path or the relay.
 */
export class ReminderQueue {
  readonly connection: Redis;
  readonly queue: Queue<Reminder>;
  private readonly readyListeners: Array<() => void> = [];

  constructor(
    readonly redisUrl: string,
    readonly prefix: string,
    readonly outages: RedisOutageLog = new RedisOutageLog(redisAddress(redisUrl)),
  ) {
    this.connection = new Redis(redisUrl, { ...redisOptions(), enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.connection.on('error', (error: Error) => this.outages.error('queue', error));
    this.connection.on('ready', () => {
      this.outages.ready();
      for (const listener of this.readyListeners) listener();
    });
    this.queue = new Queue<Reminder>(REMINDER_QUEUE, { connection: this.connection, prefix, defaultJobOptions: REMINDER_JOB_OPTIONS });
    this.queue.on('error', (error: Error) => this.outages.error('queue', error));
  }

  get ready(): boolean {
    return this.connection.status === 'ready';
  }

  /** Why jobs cannot be added right now (the outage's first error, or the connection's state), or null. */
  get problem(): string | null {
    if (this.ready) return null;
    return this.outages.problem ?? `${redisAddress(this.redisUrl)} not connected (${this.connection.status}); reminders wait in the outbox until it is back`;
  }

  onReady(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  async close(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
