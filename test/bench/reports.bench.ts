import type { INestApplicationContext } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CycleState } from '../../src/cycles/domain/cycle';
import type { EventMetadata, NewEvent } from '../../src/event-store/event-store';
import type { RecommendationEvent } from '../../src/recommendations/domain/recommendation.events';
import { buildReportModel } from '../../src/reports/domain/report-model';
import { RecordedHistory } from '../fixtures/reports/recorded-history';
import { renderReport, type ReportFormat } from '../../src/reports/render/render-report';
import { syntheticReportInput } from '../fixtures/reports/synthetic-report';
import type { Log } from './run';

/** The targets for 1,000 recommendations × 5 actions × 20 progress notes. */
const TARGET_SECONDS: Partial<Record<ReportFormat, number>> = { json: 1, pdf: 5 };
const TARGET_MB = 400;
/**
 * REPORTS_FORMATS=docx (a comma-separated list) measures only those formats,
 * and REPORTS_PATHS=pure only those paths (pure, command, health): so
 * `REPORTS_FORMATS=docx REPORTS_PATHS=pure npm run bench -- reports` is the
 * DOCX T1 case alone, in seconds rather than the minutes loading the logs takes.
 */
const only = <T extends string>(all: T[], list: string | undefined): T[] => (list ? all.filter((x) => list.split(',').includes(x)) : all);
const FORMATS = only<ReportFormat>(['json', 'pdf', 'html', 'csv', 'docx'], process.env.REPORTS_FORMATS);
const COMMAND_FORMATS = only<ReportFormat>(['json', 'pdf', 'docx'], process.env.REPORTS_FORMATS);
const HEALTH_FORMATS = only<ReportFormat>(['pdf', 'docx'], process.env.REPORTS_FORMATS);
const PATHS = only(['pure', 'command', 'health'], process.env.REPORTS_PATHS);
/** Issue #10: DOCX on this fixture under 5 s and 800 MB. */
const DOCX_TARGET = { seconds: 5, mb: 800 };
/** Issue #10: /health/live answers within this while a report over 200k events is made. */
const HEALTH_TARGET_MS = 500;
/** 2,100 recommendations × 5 actions × 20 notes: some 227,000 events, the size at which reports froze the process. */
const BIG_RECOMMENDATIONS = 2100;
const HEALTH_POLL_MS = 10;
/** The fixture reports at Tertialrapport 2 2012, with the changes since Tertialrapport 1. */
const MILESTONE = 'T2';
const AS_OF = '2012-08-31T23:59:59.999Z';
/** The seed's events happen before the fixture's first one (2012-01-10). */
const APP_NOW = '2012-01-02T08:00:00.000Z';
const EVENTS_PER_TRANSACTION = 20_000;

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const size = (bytes: number) => (bytes < MB ? `${Math.round(bytes / 1024)} KB` : `${(bytes / MB).toFixed(1)} MB`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** What a child process reports back: its timings, and memory as it saw it. */
interface ChildResult {
  ms: number;
  /** CPU time of the process (all its threads) over the same span: steadier than `ms` on a machine others are using too. */
  cpuMs?: number;
  bytes?: number;
  /** ms to build the synthetic input (pure path) or to load the events (load). */
  setupMs?: number;
  /** Heap and RSS once the fixture is built (pure path) or the app is started (command path), after a full GC. */
  baseHeap?: number;
  baseRss?: number;
  events?: number;
  /** The health mode: the slowest /health/live answer while the report was made, and while nothing was. */
  healthMaxMs?: number;
  healthP99Ms?: number;
  healthSamples?: number;
  idleMaxMs?: number;
}

interface Measured extends ChildResult {
  /** process.resourceUsage().maxRSS of the child, in bytes. */
  maxRss: number;
  /** The largest heap V8 reported before any collection (--trace-gc): the peak of heapUsed to within one GC cycle. */
  peakHeap: number;
}

const RESULT_PREFIX = 'REPORTS-BENCH-RESULT ';
// "[pid:0x…]   1234 ms: Mark-Compact 512.3 (540.1) -> 300.2 (545.0) MB, …": the first figure is the heap before the collection.
const GC_LINE = /ms: [A-Za-z -]+(?:\([a-z ]+\) )?([\d.]+) \([\d.]+\) -> [\d.]+ \([\d.]+\) MB/;

/**
 * Runs one measurement in a fresh process, so its peak memory is its own and
 * not what an earlier format left behind. The child is this file, compiled.
 */
function measureInChild(args: string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--trace-gc', '--expose-gc', __filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.split('\n');
      const resultLine = lines.find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !resultLine) {
        reject(new Error(`reports bench child ${args.join(' ')} exited with ${code}:\n${lines.filter((l) => !GC_LINE.test(l)).join('\n')}`));
        return;
      }
      const result = JSON.parse(resultLine.slice(RESULT_PREFIX.length)) as ChildResult & { maxRss: number; finalHeap: number };
      let peakHeap = result.finalHeap;
      for (const line of lines) {
        const gc = GC_LINE.exec(line);
        if (gc) peakHeap = Math.max(peakHeap, Number(gc[1]) * MB);
      }
      resolve({ ...result, peakHeap });
    });
  });
}

function againstTargets(format: ReportFormat, m: Measured): string {
  if (format === 'docx') {
    const met = m.ms / 1000 < DOCX_TARGET.seconds && m.maxRss < DOCX_TARGET.mb * MB;
    return ` (targets < ${DOCX_TARGET.seconds} s, < ${DOCX_TARGET.mb} MB: ${met ? 'met' : 'NOT met'})`;
  }
  const target = TARGET_SECONDS[format];
  return target ? ` (targets < ${target} s, < ${TARGET_MB} MB${m.ms / 1000 < target && m.maxRss < TARGET_MB * MB ? ': met' : ': NOT met'})` : ' (no target)';
}

export async function run(log: Log): Promise<void> {
  log('1,000 recommendations × 5 actions × 20 progress notes (syntheticReportInput), Tertialrapport 2 2012 in Swedish; each line a fresh process');
  log('build+render = buildReportModel + renderReport from the folded input; peak RSS = maxRSS of that process, fixture included');
  for (const format of PATHS.includes('pure') ? FORMATS : []) {
    const m = await measureInChild(['pure', format]);
    log(
      `  ${format.toUpperCase().padEnd(4)}  build+render ${seconds(m.ms)} (CPU ${seconds(m.cpuMs!)}), ${size(m.bytes!)} out, peak RSS ${mb(m.maxRss)}, peak heap ${mb(m.peakHeap)}` +
        ` (the fixture alone: ${mb(m.baseRss!)} RSS, ${mb(m.baseHeap!)} heap, built in ${seconds(m.setupMs!)})${againstTargets(format, m)}`,
    );
  }

  if (PATHS.includes('command') && COMMAND_FORMATS.length) await throughTheCommand(log);
  if (PATHS.includes('health') && HEALTH_FORMATS.length) await healthWhileMaking(log);
}

async function throughTheCommand(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-bench-reports-'));
  const database = `sqlite:${join(dir, 'reports.sqlite')}`;
  try {
    const load = await measureInChild(['load', database]);
    log(`real path: ${load.events!.toLocaleString('en-GB')} events written with EventStore.append into SQLite in ${seconds(load.ms)} (setup, not a target)`);
    log('GenerateReportCommand through the CommandBus = fold the log as of asOf + build + render + store; peak RSS includes the app (after start, before the command)');
    for (const format of COMMAND_FORMATS) {
      const m = await measureInChild(['command', database, format]);
      log(
        `  ${format.toUpperCase().padEnd(4)}  command ${seconds(m.ms)} (CPU ${seconds(m.cpuMs!)}, the worker's included), ${size(m.bytes!)} out, peak RSS ${mb(m.maxRss)}, peak heap ${mb(m.peakHeap)}` +
          ` (the app alone: ${mb(m.baseRss!)} RSS, ${mb(m.baseHeap!)} heap)${againstTargets(format, m)}`,
      );
    }
    const fold = await measureInChild(['fold', database]);
    log(
      `  of which reading the recommendations as of asOf (StateReader.asOf: the read model when nothing happened after asOf, as here; else a fold of the log): ${seconds(fold.ms)},` +
        ` peak RSS ${mb(fold.maxRss)}, peak heap ${mb(fold.peakHeap)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function healthWhileMaking(log: Log): Promise<void> {
  const bigDir = mkdtempSync(join(tmpdir(), 'uppfoljning-bench-reports-big-'));
  const bigDatabase = `sqlite:${join(bigDir, 'reports.sqlite')}`;
  try {
    const load = await measureInChild(['load', bigDatabase, String(BIG_RECOMMENDATIONS)]);
    log(`${load.events!.toLocaleString('en-GB')} events (${BIG_RECOMMENDATIONS.toLocaleString('en-GB')} recommendations) loaded in ${seconds(load.ms)} (setup)`);
    log(`/health/live polled every ${HEALTH_POLL_MS} ms over HTTP while POST /reports makes the report over them (worker thread, job path) in the same process:`);
    for (const format of HEALTH_FORMATS) {
      const m = await measureInChild(['health', bigDatabase, format]);
      const met = m.healthMaxMs! < HEALTH_TARGET_MS ? 'met' : 'NOT met';
      log(
        `  ${format.toUpperCase().padEnd(4)}  report made in ${seconds(m.ms)}, ${size(m.bytes!)}; /health/live max ${m.healthMaxMs!.toFixed(0)} ms, p99 ${m.healthP99Ms!.toFixed(0)} ms over ${m.healthSamples} answers` +
          ` (idle before: max ${m.idleMaxMs!.toFixed(0)} ms) (target < ${HEALTH_TARGET_MS} ms: ${met}); peak RSS ${mb(m.maxRss)}`,
      );
    }
  } finally {
    rmSync(bigDir, { recursive: true, force: true });
  }
}

// ——— The child processes ———

function settledMemory(): { baseHeap: number; baseRss: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { baseHeap: heapUsed, baseRss: rss };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function report(result: ChildResult): void {
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify({ ...result, maxRss, finalHeap: process.memoryUsage().heapUsed })}\n`);
}

async function pure(format: ReportFormat): Promise<ChildResult> {
  const setupStarted = performance.now();
  const input = syntheticReportInput();
  const setupMs = performance.now() - setupStarted;
  const base = settledMemory();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const rendered = await renderReport(buildReportModel(input), format);
  return { ms: performance.now() - started, cpuMs: cpuMsSince(cpu), bytes: rendered.content.length, setupMs, ...base };
}

/**
 * The application, loaded only by the children that start it: Nest, TypeORM,
 * BullMQ and the rest take some 40 MB, which the pure measurements leave out.
 */
async function application() {
  // One at a time: Nest 12's packages are ES modules, and importing them from CommonJS in parallel trips over Node's loader.
  const { AppModule } = await import('../../src/app.module.js');
  const { CommandBus } = await import('@nestjs/cqrs');
  const { NestFactory } = await import('@nestjs/core');
  const { writeContext } = await import('../../src/event-store/command-runner.js');
  const { Database } = await import('../../src/event-store/database.js');
  const { EventStore } = await import('../../src/event-store/event-store.js');
  const { SYSTEM_ACTOR } = await import('../../src/kernel/actor.js');
  const { Clock } = await import('../../src/kernel/clock.js');
  const { cyclesProjection } = await import('../../src/cycles/cycles.projection.js');
  const { recommendationsProjection } = await import('../../src/recommendations/recommendations.projection.js');
  const { StateReader } = await import('../../src/projections/state-reader.js');
  const { Projector } = await import('../../src/projections/projector.js');
  const { recommendationStreamId } = await import('../../src/recommendations/domain/recommendation.events.js');
  const { decideReview, reviewStreamId } = await import('../../src/reviews/domain/review.js');
  const { GenerateReportCommand } = await import('../../src/reports/generate-report/generate-report.command.js');
  const start = (database: string): Promise<INestApplicationContext> =>
    NestFactory.createApplicationContext(
      AppModule.forRoot({
        DATABASE_URL: database,
        SEED: 'true',
        APP_NOW,
        RUN_WORKER: 'false',
        // A closed port: nothing here queues anything.
        REDIS_URL: 'redis://127.0.0.1:6390',
      }),
      { logger: ['error'] },
    );
  return {
    start,
    Projector,
    CommandBus,
    writeContext,
    Database,
    EventStore,
    SYSTEM_ACTOR,
    Clock,
    cyclesProjection,
    recommendationsProjection,
    StateReader,
    recommendationStreamId,
    decideReview,
    reviewStreamId,
    GenerateReportCommand,
  };
}

interface FixtureEvent {
  recommendationId: string;
  occurredAt: string;
  actorEmail: string;
  event: RecommendationEvent;
}

/**
 * The fixture's events, exactly as it writes them. The fixture keeps its
 * history to itself and hands back only the folded input, so its writes are
 * recorded on the way in.
 */
function fixtureEvents(recommendations?: number): { events: FixtureEvent[]; input: ReturnType<typeof syntheticReportInput> } {
  const events: FixtureEvent[] = [];
  const record = RecordedHistory.prototype.record;
  RecordedHistory.prototype.record = function (this: RecordedHistory, recommendationId, occurredAt, actorEmail, event) {
    events.push({ recommendationId, occurredAt: new Date(occurredAt).toISOString(), actorEmail, event });
    return record.call(this, recommendationId, occurredAt, actorEmail, event);
  };
  try {
    const input = syntheticReportInput({ recommendations });
    return { events, input };
  } finally {
    RecordedHistory.prototype.record = record;
  }
}

const metadataFor = (email: string): EventMetadata => ({
  actor: { id: `bench-${email}`, email, name: email, role: email.startsWith('sekreterare') ? 'secretary' : 'officer' },
  unit: null,
  reason: null,
  correlationId: 'bench-reports',
  causationId: null,
  idempotencyKey: null,
});

/**
 * Writes the fixture's review and its ~108,000 recommendation events into a
 * fresh database through EventStore.append, in time order, each event at its
 * own instant, a few big transactions in all. The store here has no
 * subscribers (inline read models and reminder planning would make loading
 * take many minutes); the read models are rebuilt once at the end, as inline
 * projection would have left them.
 */
async function load(database: string, recommendations?: number): Promise<ChildResult> {
  const { start, Database, EventStore, Clock, Projector, SYSTEM_ACTOR, decideReview, reviewStreamId, recommendationStreamId } = await application();
  const app = await start(database);
  try {
    const { events, input } = fixtureEvents(recommendations);
    events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
    const db = app.get(Database);
    const clock = new Clock();
    const store = new EventStore(db, clock);
    const started = performance.now();
    await db.write(async (tx) => {
      for (const [id, name] of Object.entries(input.unitNames ?? {})) {
        await tx.query('INSERT INTO units (id, name, name_en) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING', [id, name, null]);
      }
      const review = input.review!;
      const registered: NewEvent[] = decideReview(
        { type: 'RegisterReview', reviewId: review.id, title: review.title, reviewer: review.reviewer, reviewedOn: review.reviewedOn, committee: review.committee, diaryNumber: review.diaryNumber },
        null,
        SYSTEM_ACTOR,
      );
      clock.set(review.lastChangedAt);
      await store.append(tx, reviewStreamId(review.id), registered, { expectedVersion: 'no_stream', metadata: metadataFor('sekreterare@demo.local') });
    });
    for (let from = 0; from < events.length; from += EVENTS_PER_TRANSACTION) {
      await db.write(async (tx) => {
        for (const e of events.slice(from, from + EVENTS_PER_TRANSACTION)) {
          clock.set(e.occurredAt);
          await store.append(tx, recommendationStreamId(e.recommendationId), [e.event], { expectedVersion: 'any', metadata: metadataFor(e.actorEmail) });
        }
      });
    }
    const ms = performance.now() - started;
    // The read models, as inline projection would have left them (not timed: a real log has them already).
    await app.get(Projector).rebuild();
    return { ms, events: events.length + 1 };
  } finally {
    await app.close();
  }
}

async function command(database: string, format: ReportFormat): Promise<ChildResult> {
  const { start, Database, CommandBus, GenerateReportCommand, cyclesProjection, writeContext, SYSTEM_ACTOR } = await application();
  const app = await start(database);
  try {
    const [cycle] = (await app.get(Database).query<{ state: string }>(`SELECT state FROM ${cyclesProjection.table}`)).map((r) => JSON.parse(r.state) as CycleState);
    const reviewId = syntheticReportInput({ recommendations: 0 }).review!.id;
    const base = settledMemory();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const metadata = await app.get(CommandBus).execute(
      new GenerateReportCommand({ cycleId: cycle.id, milestoneKey: MILESTONE, reviewId, asOf: AS_OF, language: 'sv', format }, writeContext(SYSTEM_ACTOR)),
    );
    const ms = performance.now() - started;
    const cpuMs = cpuMsSince(cpu);
    const [row] = await app.get(Database).query<{ n: number | string }>('SELECT LENGTH(content) AS n FROM reports WHERE id = ?', [metadata.id]);
    return { ms, cpuMs, bytes: Number(row.n), ...base };
  } finally {
    await app.close();
  }
}

/** Asks /health/live every HEALTH_POLL_MS until stopped; the time each answer took. */
function pollHealth(base: string): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${base}/health/live`).then((r) => r.arrayBuffer());
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

/**
 * The whole app serving HTTP on a big log; a secretary's POST /reports asks
 * for a job and the job is polled to its end, while another client asks
 * /health/live all along. The health answers are timed from outside the
 * app's event loop only in that they go over a socket: a loop blocked by the
 * report shows as a slow answer.
 */
async function health(database: string, format: ReportFormat): Promise<ChildResult> {
  const { AppModule } = await import('../../src/app.module.js');
  const { NestFactory } = await import('@nestjs/core');
  const { configureApp } = await import('../../src/app.setup.js');
  const app = configureApp(
    await NestFactory.create(AppModule.forRoot({ DATABASE_URL: database, SEED: 'true', APP_NOW, RUN_WORKER: 'false', REDIS_URL: 'redis://127.0.0.1:6390', LOG_LEVEL: 'error' }), {
      logger: ['error'],
    }),
  );
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  try {
    const signIn = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sekreterare@demo.local', password: 'demo-password' }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const cycles = (await (await fetch(`${base}/api/v1/cycles`, { headers: auth })).json()) as Array<{ id: string }>;
    const reviewId = syntheticReportInput({ recommendations: 0 }).review!.id;
    const idle = pollHealth(base);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleLatencies = await idle.stop();
    const busy = pollHealth(base);
    const started = performance.now();
    const posted = await fetch(`${base}/api/v1/reports`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', prefer: 'respond-async' },
      body: JSON.stringify({ cycleId: cycles[0].id, milestoneKey: MILESTONE, reviewId, asOf: AS_OF, language: 'sv', format }),
    });
    if (posted.status !== 202) throw new Error(`POST /reports answered ${posted.status}: ${await posted.text()}`);
    const location = posted.headers.get('location')!;
    let job: { status: string; failure: string | null; report: { id: string } | null };
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await (await fetch(`${base}${location}`, { headers: auth })).json()) as typeof job;
    } while (job.status === 'queued' || job.status === 'running');
    const ms = performance.now() - started;
    const latencies = (await busy.stop()).sort((a, b) => a - b);
    if (job.status !== 'done') throw new Error(`The report job failed: ${job.failure}`);
    const file = await (await fetch(`${base}/api/v1/reports/${job.report!.id}/content`, { headers: auth })).arrayBuffer();
    return {
      ms,
      bytes: file.byteLength,
      healthMaxMs: latencies[latencies.length - 1],
      healthP99Ms: latencies[Math.floor(latencies.length * 0.99)],
      healthSamples: latencies.length,
      idleMaxMs: Math.max(...idleLatencies),
    };
  } finally {
    await app.close();
  }
}

async function fold(database: string): Promise<ChildResult> {
  const { start, StateReader, recommendationsProjection } = await application();
  const app = await start(database);
  try {
    const base = settledMemory();
    const started = performance.now();
    await app.get(StateReader).asOf(recommendationsProjection, AS_OF);
    return { ms: performance.now() - started, ...base };
  } finally {
    await app.close();
  }
}

async function child([mode, ...args]: string[]): Promise<ChildResult> {
  switch (mode) {
    case 'pure':
      return pure(args[0] as ReportFormat);
    case 'load':
      return load(args[0], args[1] ? Number(args[1]) : undefined);
    case 'health':
      return health(args[0], args[1] as ReportFormat);
    case 'command':
      return command(args[0], args[1] as ReportFormat);
    case 'fold':
      return fold(args[0]);
    default:
      throw new Error(`Unknown reports bench mode ${mode}`);
  }
}

if (require.main === module) {
  child(process.argv.slice(2)).then(
    (result) => {
      report(result);
      process.exit(0);
    },
    (error: Error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
}
