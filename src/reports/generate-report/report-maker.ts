import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { AppConfig } from '../../kernel/config';
import { startThread } from '../../kernel/threads';
import { within } from '../../kernel/within';
import { APP_CONFIG } from '../../kernel/kernel.module';
import type { MadeReport, ReportTask, ReportWorkerData, WorkerMessage } from './report-worker';
import type { ReportScope } from './report-scope';

/** How long a worker still loading its modules (0.3–0.5 s as a rule) is waited for before it is stopped all the same: well inside a container's grace period for stopping. */
const LOADING_GRACE_MS = 10_000;

/**
 * Why a report was not made: the worker `stopped` (the app stopping, or the thread gone) before it
 * was done, it needed more `memory` than it may use, or making it `failed` (a fault of ours).
 */
export type ReportWorkerFailure = 'stopped' | 'memory' | 'failed';

/** A report the worker could not make; `reason` is what a job that failed shows. */
export class ReportWorkerError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly failure: ReportWorkerFailure,
  ) {
    super(message);
    this.name = 'ReportWorkerError';
  }
}

/** A worker thread, and when it has loaded every module it needs (or stopped before that). */
interface ReportThread {
  worker: Worker;
  loaded: Promise<void>;
}

/** The worker's entry: compiled beside this file in dist/, the TypeScript source under Jest. */
const startWorker = (data: ReportWorkerData, memoryMb: number): Worker => startThread(join(__dirname, 'report-worker'), data, { maxOldGenerationSizeMb: memoryMb });

/**
 * Makes reports in one worker thread, one at a time, so a big report neither
 * stops the event loop nor has company in memory. The worker starts with the
 * first report and stays for the next; if it dies (out of its memory limit,
 * say) the report it was making fails with the reason, and the next report
 * starts a fresh one.
 */
@Injectable()
export class ReportMaker implements OnModuleDestroy {
  private readonly logger = new Logger('Reports');
  private thread: ReportThread | null = null;
  /** Set when the app stops: a report asked for (or waiting its turn) after that starts no worker nobody would stop. */
  private stopped = false;
  private turn: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** `progress` hears percents from 0 to 95 while the worker reads and renders. */
  make(scope: ReportScope, progress: (percent: number) => void = () => undefined): Promise<MadeReport> {
    const made = this.turn.then(() => this.run({ id: this.nextId++, scope }, progress));
    this.turn = made.catch(() => undefined);
    return made;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    const thread = this.thread;
    this.thread = null;
    if (thread) await this.stop(thread);
  }

  /**
   * Stops a worker, but not while it is still loading its modules: on Node 20 a worker terminated
   * inside require() of an ES module aborts the whole process in V8 ("IsGraphAsync must be used on an
   * instantiated module"), and under Jest one terminated inside @swc/core's transform segfaults it.
   * Both were seen when the app closed just after asking for its first report. Once loaded, the
   * worker only reads and renders, and may be terminated at any point.
   */
  private async stop({ worker, loaded }: ReportThread): Promise<void> {
    await within(loaded, LOADING_GRACE_MS, 'Loading the report worker').catch((error: Error) => this.logger.warn(`${error.message}; it is stopped all the same`));
    await worker.terminate();
  }

  private run(task: ReportTask, progress: (percent: number) => void): Promise<MadeReport> {
    if (this.stopped) return Promise.reject(new ReportWorkerError('The app is stopping: no report is made now', 'the app was stopping', 'stopped'));
    const { worker } = (this.thread ??= this.start());
    return new Promise<MadeReport>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.kind === 'ready' || message.id !== task.id) return;
        if (message.kind === 'progress') return progress(message.percent);
        done();
        if (message.kind === 'done') resolve({ ...message.report, content: Buffer.from(message.report.content) });
        else reject(new ReportWorkerError(`${message.name}: ${message.message}`, message.message, 'failed'));
      };
      const onError = (error: Error & { code?: string }) => {
        done();
        this.forget(worker);
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        const reason = memory ? `the report needed more memory than REPORT_WORKER_MEMORY_MB (${this.config.reportWorkerMemoryMb} MB) allows` : error.message;
        reject(new ReportWorkerError(`The report worker failed: ${error.message}`, reason, memory ? 'memory' : 'failed'));
      };
      const onExit = (code: number) => {
        done();
        this.forget(worker);
        // Only the app stopping terminates a worker in the middle of a report; one that exits of itself failed.
        const failure = this.stopped ? 'stopped' : 'failed';
        reject(new ReportWorkerError(`The report worker stopped with exit code ${code}`, `the report worker stopped (exit code ${code})`, failure));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      // Busy: keep the process up until the report is made.
      worker.ref();
      worker.postMessage(task);
    });
  }

  private start(): ReportThread {
    const worker = startWorker({ database: this.config.database }, this.config.reportWorkerMemoryMb);
    // Between reports too: a worker that dies idle (its connection lost, say) is replaced by the next report,
    // and an 'error' nobody listens to would take the whole process down.
    worker.on('error', (error) => this.logger.warn(`The report worker stopped between reports: ${error.message}`));
    const loaded = new Promise<void>((resolve) => {
      const onReady = (message: WorkerMessage) => {
        if (message.kind !== 'ready') return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
      // A worker that stops before it has loaded has nothing left to wait for.
      worker.on('exit', () => {
        resolve();
        this.forget(worker);
      });
    });
    return { worker, loaded };
  }

  /** A worker that failed or stopped: the next report starts a fresh one. */
  private forget(worker: Worker): void {
    if (this.thread?.worker === worker) this.thread = null;
    void worker.terminate().catch(() => undefined);
  }
}
