import { Inject, Injectable, Logger, ServiceUnavailableException, type OnModuleDestroy } from '@nestjs/common';
import { Command, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CommandRunner, type Aggregate, type WriteContext } from '../../event-store/command-runner';
import { Database } from '../../event-store/database';
import { Clock } from '../../kernel/clock';
import type { AppConfig } from '../../kernel/config';
import { APP_CONFIG } from '../../kernel/kernel.module';
import { StateReader } from '../../projections/state-reader';
import {
  assertMayMakeReports,
  decideReport,
  evolveReport,
  reportStreamId,
  type GeneratedReport,
  type ReportCommand,
  type ReportState,
} from '../domain/report.decide';
import { createReportJob, failJob, finishJob, jobForKey, JOB_HEARTBEAT_MS, markJobProgress, readReportJob, touchJobs, type ReportJobView } from '../report-jobs';
import { readReport, storeReport, type ReportMetadata } from '../report-store';
import { ReportMaker, ReportWorkerError } from './report-maker';
import type { MadeReport } from './report-worker';
import { AnchorAtQuery } from './anchor-at.query';
import { logLength, positionAsOf, readReportScope, type ReportRequest, type ReportScope } from './report-scope';

export type { ReportRequest } from './report-scope';

const reportAggregate: Aggregate<ReportState, ReportCommand> = { streamId: reportStreamId, evolve: evolveReport, decide: decideReport };

/**
 * A report its asker waited for that the worker could not make, through no fault in the request:
 * the app stopping under it (try again in a moment, on this instance or the next), or a report
 * bigger than REPORT_WORKER_MEMORY_MB allows. 503 with the reason, nothing recorded. (A fault of
 * ours in making it stays a 500, logged; a job records any of them as its failure.)
 */
export class ReportNotMade extends ServiceUnavailableException {
  readonly retryAfterSeconds?: number;

  constructor(error: ReportWorkerError) {
    super(`The report could not be made: ${error.reason}. Nothing was recorded${error.failure === 'stopped' ? '; try again in a moment' : ''}`, { cause: error });
    if (error.failure === 'stopped') this.retryAfterSeconds = 5;
  }
}

/** A job's progress is written when it has moved on by at least this many percent: a few writes (each an fsync on SQLite) per report. */
const PROGRESS_STEP = 10;

/** A report made at once, or the job that is making it. */
export type ReportOutcome = { made: ReportMetadata } | { job: ReportJobView; replayed: boolean };

/**
 * Makes reports: settles what the report covers (refusing at once what does
 * not exist), has the worker thread fold the log as of the report's instant,
 * build and render it, then records it through the command runner with the
 * file in the same transaction. Everything in the file comes from the request
 * and the log up to `asOf`, so the same request made again later gives the
 * same bytes. A big report is made as a job whose progress and end are kept in
 * `report_jobs`, so nothing of it is lost or swallowed.
 */
@Injectable()
export class ReportGeneration implements OnModuleDestroy {
  private readonly logger = new Logger('Reports');
  /** The jobs this process is making, by id: awaited at shutdown, and touched every JOB_HEARTBEAT_MS while there are any (heartbeat). */
  private readonly running = new Map<string, Promise<void>>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly reader: StateReader,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    private readonly maker: ReportMaker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: QueryBus,
  ) {}

  /** Made while the caller waits (the work still runs in the worker thread, never on the event loop). */
  async make(request: ReportRequest, ctx: WriteContext): Promise<ReportMetadata> {
    const scope = await this.scope(request, ctx);
    return this.record(scope, await this.madeNow(scope), ctx);
  }

  /**
   * Made at once if the log is small and no job was asked for; otherwise
   * started as a job, answered with it, and made in the background.
   */
  async request(request: ReportRequest, ctx: WriteContext, preferJob: boolean): Promise<ReportOutcome> {
    const scope = await this.scope(request, ctx);
    const big = (await this.db.read(logLength)) > this.config.reportJobAboveEvents;
    if (!preferJob && !big) return { made: await this.record(scope, await this.madeNow(scope), ctx) };
    const id = randomUUID();
    const existing = await this.db.write(async (tx) => {
      const known = await jobForKey(tx, ctx);
      if (!known) await createReportJob(tx, id, request, ctx, this.clock.nowIso());
      return known;
    });
    if (!existing) this.track(id, this.runJob(id, scope, ctx));
    return { job: (await this.db.read((sql) => readReportJob(sql, existing ?? id))).job, replayed: existing !== null };
  }

  /** Lets jobs under way finish their records before the database closes (the worker may fail them first). */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
    this.beat(false);
  }

  /** Made while its asker waits: a report the worker could not make through no fault of the request is a 503 that says why. */
  private async madeNow(scope: ReportScope): Promise<MadeReport> {
    try {
      return await this.maker.make(scope);
    } catch (error) {
      if (error instanceof ReportWorkerError && error.failure !== 'failed') {
        // Logged as a job's failure is (runJob), whether the API or the web form then shows it.
        this.logger.warn(`A report was not made while its asker waited: ${error.reason}`);
        throw new ReportNotMade(error);
      }
      throw error;
    }
  }

  private async scope(request: ReportRequest, ctx: WriteContext): Promise<ReportScope> {
    // The rule decide holds, asked before the fold and the render: they are the expensive part.
    assertMayMakeReports(ctx.actor);
    const scope = await this.db.read((sql) => readReportScope(sql, this.reader, request, this.clock.nowIso()));
    // The anchor is part of the report's input: signed at the position the report is built from, and found again when it is rebuilt.
    const position = await this.db.read((sql) => positionAsOf(sql, scope.asOf));
    return { ...scope, anchor: position > 0 ? await this.queries.execute(new AnchorAtQuery(position)) : null };
  }

  private track(id: string, job: Promise<void>): void {
    // runJob records its own failures; only a database that cannot take even that is left to the log.
    const tracked = job.catch((error: Error) => this.logger.error(`A report job could not be recorded: ${error.stack ?? error.message}`));
    this.running.set(id, tracked);
    this.beat(true);
    void tracked.finally(() => {
      this.running.delete(id);
      this.beat(this.running.size > 0);
    });
  }

  /** Touches this process's jobs every JOB_HEARTBEAT_MS while there are any; a heartbeat that fails is tried again at the next. */
  private beat(on: boolean): void {
    if (on && !this.heartbeat) {
      this.heartbeat = setInterval(() => {
        const ids = [...this.running.keys()];
        this.db.write((tx) => touchJobs(tx, ids, Date.now())).catch((error: Error) => this.logger.warn(`Report jobs not touched: ${error.message}`));
      }, JOB_HEARTBEAT_MS);
      this.heartbeat.unref();
    } else if (!on && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** A job's whole life: progress as the worker tells it, then the report recorded, or the failure with its reason. */
  private async runJob(id: string, scope: ReportScope, ctx: WriteContext): Promise<void> {
    let written = 0;
    let writes = Promise.resolve();
    const progress = (percent: number) => {
      if (percent < written + PROGRESS_STEP) return;
      written = percent;
      writes = writes.then(() => this.db.write((tx) => markJobProgress(tx, id, percent))).catch(() => undefined);
    };
    try {
      const made = await this.maker.make(scope, progress);
      await writes;
      const report = await this.record(scope, made, ctx);
      await this.db.write((tx) => finishJob(tx, id, report.id, this.clock.nowIso()));
    } catch (error) {
      await writes;
      const reason = error instanceof ReportWorkerError ? error.reason : (error as Error).message;
      this.logger.error(`Report job ${id} failed: ${(error as Error).stack ?? reason}`);
      await this.db.write((tx) => failJob(tx, id, reason, this.clock.nowIso()));
    }
  }

  /** The report's event and its file, in one transaction; a replay answers with the report its key first made. */
  private async record(scope: ReportScope, made: MadeReport, ctx: WriteContext): Promise<ReportMetadata> {
    const { request } = scope;
    const { id: actorId, email, name, role } = ctx.actor;
    const metadata: ReportMetadata = {
      id: randomUUID(),
      cycleId: request.cycleId,
      milestoneKey: request.milestoneKey,
      reviewId: request.reviewId,
      asOf: made.asOf,
      language: request.language,
      format: request.format,
      position: made.position,
      sha256: made.sha256,
      fileName: made.fileName,
      contentType: made.contentType,
      createdAt: this.clock.nowIso(),
      createdBy: { id: actorId, email, name, role },
    };
    const { createdBy: _by, createdAt: _at, ...report } = metadata;
    const command: ReportCommand = { type: 'RecordGeneratedReport', report: report satisfies GeneratedReport };
    return this.db.write(async (tx) => {
      const written = await this.runner.runIn(tx, reportAggregate, metadata.id, command, ctx);
      // A replay answers with the report the first request made; this one's file is not kept.
      if (written.replayed) return readReport(tx, written.state.id);
      await storeReport(tx, metadata, Buffer.from(made.content));
      return metadata;
    });
  }
}

/** Makes a report while the caller waits, never as a job (the benchmark, scripts). */
export class GenerateReportCommand extends Command<ReportMetadata> {
  constructor(
    readonly request: ReportRequest,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(GenerateReportCommand)
export class GenerateReportHandler implements ICommandHandler<GenerateReportCommand> {
  constructor(private readonly generation: ReportGeneration) {}

  execute({ request, ctx }: GenerateReportCommand): Promise<ReportMetadata> {
    return this.generation.make(request, ctx);
  }
}

/** What POST /reports and the web form send: made at once, or as a job when asked for one or when the log is big. */
export class RequestReportCommand extends Command<ReportOutcome> {
  constructor(
    readonly request: ReportRequest,
    readonly ctx: WriteContext,
    readonly preferJob: boolean,
  ) {
    super();
  }
}

@CommandHandler(RequestReportCommand)
export class RequestReportHandler implements ICommandHandler<RequestReportCommand> {
  constructor(private readonly generation: ReportGeneration) {}

  execute({ request, ctx, preferJob }: RequestReportCommand): Promise<ReportOutcome> {
    return this.generation.request(request, ctx, preferJob);
  }
}
