import type { Logger } from '@nestjs/common';

export interface CoalescingLoopOptions {
  /** What the loop does, for the log: "Relay paused: …". */
  what: string;
  /** One pass of the work; a throw is logged once per distinct message and the next kick tries again. */
  pass: () => Promise<void>;
  intervalMs: number;
  logger: Logger;
  /** Wait this long before a pass: a kick from inside a transaction runs after its commit. */
  delayMs?: number;
  /** Said once when a pass succeeds after a failure. */
  recovered?: string;
}

/**
 * Background work that runs on an interval and whenever it is kicked: kicks
 * while a pass is running coalesce into one more pass, a failing pass is
 * reported once per distinct problem (an outage must not fill the log) and
 * tried again on the next tick, and nothing it throws can reject unhandled.
 * The outbox relay, the reminder reconciler and the search index are such loops.
 */
export class CoalescingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopped = false;
  private lastError: string | null = null;

  constructor(private readonly options: CoalescingLoopOptions) {}

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Runs a pass soon; calls while one is running coalesce into one more. Before start() it waits for start(). */
  kick(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const delayMs = this.options.delayMs ?? 0;
    const wait = delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)) : Promise.resolve();
    this.running = wait
      .then(() => this.loop())
      .finally(() => {
        this.running = null;
      });
  }

  /** Resolves when the pass under way (if any) has finished. */
  async idle(): Promise<void> {
    await this.running;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Why the last pass failed, or null. */
  get problem(): string | null {
    return this.lastError;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.options.pass();
        if (this.lastError !== null && this.options.recovered) this.options.logger.log(this.options.recovered);
        this.lastError = null;
      } catch (error) {
        const message = (error as Error)?.message ?? String(error);
        if (message !== this.lastError) this.options.logger.warn(`${this.options.what}: ${message}`);
        this.lastError = message;
      }
    } while (this.again && !this.stopped);
  }
}
