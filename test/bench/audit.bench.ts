import type { INestApplication } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from './run';

/** The issue's case: a log of 200,000 events on SQLite (synchronous driver, one event loop). */
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000);
const EVENTS_PER_TRANSACTION = 20_000;
const EVENTS_PER_STREAM = 100;
/** The API's largest page: an export of the whole log is this many rows per request, after X-Next-After. */
const EXPORT_PAGE = 10_000;
const TARGET_HEALTH_MS = 500;

/** How /health/live answered meanwhile, against the target. */
const healthDuring = (health: { maxMs: number; p99Ms: number }, withP99 = true): string =>
  `/health/live max ${health.maxMs.toFixed(1)} ms${withP99 ? `, p99 ${health.p99Ms.toFixed(1)} ms` : ''} (target max < ${TARGET_HEALTH_MS} ms${health.maxMs < TARGET_HEALTH_MS ? ': met' : ': NOT met'})`;
const NOTE = 'Två stadsdelar kartlagda – Rinkeby och Tensta; nästa steg är Husby och Akalla.';
const PROBE_RESULT = 'AUDIT-BENCH-PROBE ';

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const perSecond = (n: number, ms: number) => (n / ms) * 1000;

interface ProbeResult {
  requests: number;
  maxMs: number;
  p99Ms: number;
}

/**
 * Asks /health/live over and over from another process, so a blocked event
 * loop in the server shows as the latency of the request that waited on it
 * (a probe in the same process would only fire after the block, and see none).
 */
class HealthProbe {
  private constructor(private readonly child: ChildProcess) {}

  static async start(base: string): Promise<HealthProbe> {
    const child = spawn(process.execPath, [__filename, 'probe', `${base}/api/v1/health/live`], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    const [message] = (await once(child, 'message')) as [string];
    if (message !== 'ready') throw new Error(`health probe said ${message}`);
    return new HealthProbe(child);
  }

  async stop(): Promise<ProbeResult> {
    let out = '';
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (chunk: string) => (out += chunk));
    this.child.send('stop');
    await once(this.child, 'close');
    const line = out.split('\n').find((l) => l.startsWith(PROBE_RESULT));
    if (!line) throw new Error(`health probe ended without a result: ${out}`);
    return JSON.parse(line.slice(PROBE_RESULT.length)) as ProbeResult;
  }
}

/** While `work` runs, /health/live is probed from another process. */
async function probed<T>(base: string, work: () => Promise<T>): Promise<{ result: T; ms: number; health: ProbeResult }> {
  const probe = await HealthProbe.start(base);
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    return { result, ms, health: await probe.stop() };
  } catch (error) {
    await probe.stop().catch(() => undefined);
    throw error;
  }
}

/** GET with a bearer token, reading the body as it comes and keeping only its size and line count (the client should cost the server's process little). */
function download(url: string, token: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number; lines: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      let lines = 0;
      const keep: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        if (bytes < 64 * 1024) keep.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, lines, body: bytes < 64 * 1024 ? Buffer.concat(keep).toString('utf8') : undefined }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The log: `EVENTS` progress notes in recommendation streams of 100 events each,
 * appended through EventStore.append (the hash chain as the app writes it) in a
 * few big transactions, by a store with no subscribers: the read models do not
 * matter to the audit log, and folding them would make loading take minutes.
 */
async function appendLog(app: INestApplication, events: number): Promise<void> {
  const { Database } = await import('../../src/event-store/database.js');
  const { EventStore } = await import('../../src/event-store/event-store.js');
  const { Clock } = await import('../../src/kernel/clock.js');
  const { CommandRunner, writeContext } = await import('../../src/event-store/command-runner.js');
  const { Users } = await import('../../src/auth/users.js');
  const db = app.get(Database);
  const store = new EventStore(db, new Clock());
  const officer = (await app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
  const metadata = app.get(CommandRunner).metadata(writeContext(officer), null);
  let written = 0;
  while (written < events) {
    const inThisTransaction = Math.min(EVENTS_PER_TRANSACTION, events - written);
    await db.write(async (tx) => {
      for (let n = 0; n < inThisTransaction; n += EVENTS_PER_STREAM) {
        const actionId = randomUUID();
        const batch = Array.from({ length: Math.min(EVENTS_PER_STREAM, inThisTransaction - n) }, (_, i) => ({
          type: 'ActionProgressReported',
          data: { actionId, progressPercent: i % 100, note: NOTE, evidence: [] },
        }));
        await store.append(tx, `recommendation-${randomUUID()}`, batch, { expectedVersion: 'no_stream', metadata });
      }
    });
    written += inThisTransaction;
  }
}

async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }) });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Every event of the log, as a client pages through the API's export: `limit=10000`, then `after` = X-Next-After until there is none. */
async function exportWholeLog(base: string, token: string, format: 'csv' | 'ndjson' | 'json'): Promise<{ requests: number; bytes: number; rows: number }> {
  let after: string | null = '0';
  let requests = 0;
  let bytes = 0;
  let rows = 0;
  while (after !== null) {
    const page = await download(`${base}/api/v1/audit/events?format=${format}&limit=${EXPORT_PAGE}&after=${after}`, token);
    if (page.status !== 200) throw new Error(`export answered ${page.status}: ${page.body ?? ''}`);
    requests++;
    bytes += page.bytes;
    // csv: a header line, then a line per event; ndjson: a line per event; json: one array, counted by the client from its size only.
    rows += format === 'csv' ? page.lines - 1 : format === 'ndjson' ? page.lines : 0;
    const next = page.headers['x-next-after'];
    after = typeof next === 'string' ? next : null;
  }
  return { requests, bytes, rows };
}

export async function run(log: Log): Promise<void> {
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../src/app.module.js');
  const { configureApp } = await import('../../src/app.setup.js');
  const { deleteRedisKeys } = await import('../support/test-app.js');
  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-bench-audit-'));
  const redisPrefix = `bench-${randomUUID()}`;
  const env = { DATABASE_URL: `sqlite:${join(dir, 'tracker.sqlite')}`, RUN_WORKER: 'false', APP_NOW: '2012-04-10T08:00:00Z', RATE_LIMIT_PER_MINUTE: '10000000', REDIS_PREFIX: redisPrefix, LOG_FILE: join(dir, 'bench.log') };
  let app: INestApplication | null = null;
  try {
    app = await NestFactory.create(AppModule.forRoot(env), { logger: ['error'] });
    configureApp(app);
    await app.init();
    const loadStarted = performance.now();
    await appendLog(app, EVENTS);
    log(`SQLite, ${fmt(EVENTS)} more events than the seed's, appended in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s (setup); /health/live asked from another process, 2 ms between answers`);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const token = await signIn(base, 'revisor@demo.local');

    const idle = await probed(base, () => new Promise((resolve) => setTimeout(resolve, 2000)));
    log(`  idle (2 s)                          /health/live max ${idle.health.maxMs.toFixed(1)} ms, p99 ${idle.health.p99Ms.toFixed(1)} ms over ${fmt(idle.health.requests)} requests`);

    const verify = await probed(base, () => download(`${base}/api/v1/audit/verify`, token));
    const verified = JSON.parse(verify.result.body ?? '{}') as { ok: boolean; checkedEvents: number };
    if (verify.result.status !== 200 || !verified.ok) throw new Error(`verify answered ${verify.result.status}: ${verify.result.body}`);
    log(
      `  GET /audit/verify                   ${fmt(verified.checkedEvents)} events in ${(verify.ms / 1000).toFixed(2)} s = ${fmt(perSecond(verified.checkedEvents, verify.ms))} events/s;` +
        ` ${healthDuring(verify.health)}`,
    );

    for (const format of ['csv', 'ndjson', 'json'] as const) {
      const exported = await probed(base, () => exportWholeLog(base, token, format));
      const { requests, bytes, rows } = exported.result;
      const events = format === 'json' ? verified.checkedEvents : rows;
      log(
        `  export ${format.padEnd(6)} (${fmt(requests)} × limit=${fmt(EXPORT_PAGE)})   ${fmt(events)} events, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${(exported.ms / 1000).toFixed(2)} s = ${fmt(perSecond(events, exported.ms))} events/s;` +
          ` ${healthDuring(exported.health)}`,
      );
    }

    // What the auditor's page downloads, and a client asking for format=csv without a limit: the whole log, one streamed file.
    const whole = await probed(base, () => download(`${base}/api/v1/audit/events?format=csv`, token));
    if (whole.result.status !== 200) throw new Error(`whole-log export answered ${whole.result.status}`);
    const wholeEvents = whole.result.lines - 1;
    if (wholeEvents !== verified.checkedEvents) throw new Error(`the whole-log CSV held ${wholeEvents} of the log's ${verified.checkedEvents} events`);
    log(
      `  export csv, the whole log in one file ${fmt(wholeEvents)} events, ${(whole.result.bytes / 1024 / 1024).toFixed(1)} MB in ${(whole.ms / 1000).toFixed(2)} s = ${fmt(perSecond(wholeEvents, whole.ms))} events/s;` +
        ` ${healthDuring(whole.health)}`,
    );

    // The worst case for a read: a filter on the actor (a LIKE on the metadata, no index) that few or
    // none of the events match, so finding the answer's end and its first page look through the whole log.
    const sparse = await probed(base, () => download(`${base}/api/v1/audit/events?format=csv&limit=${EXPORT_PAGE}&actor=sekreterare@demo.local`, token));
    if (sparse.result.status !== 200) throw new Error(`filtered export answered ${sparse.result.status}`);
    log(
      `  export csv, actor=sekreterare@demo.local (no index; ${fmt(sparse.result.lines - 1)} of the ${fmt(verified.checkedEvents)} events match) in ${sparse.ms.toFixed(0)} ms;` +
        ` ${healthDuring(sparse.health, false)}`,
    );
  } finally {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    await deleteRedisKeys(redisPrefix);
  }
}

// ——— The probe, in its own process ———

/** Asks `url` again 2 ms after each answer until the parent says stop; prints the latencies' max and p99. */
async function probe(url: string): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let stopping = false;
  process.on('message', () => (stopping = true));
  const ask = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const req = request(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  await ask();
  process.send!('ready');
  while (!stopping) {
    await ask();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  latencies.sort((a, b) => a - b);
  const result: ProbeResult = { requests: latencies.length, maxMs: latencies[latencies.length - 1] ?? 0, p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
  process.stdout.write(`${PROBE_RESULT}${JSON.stringify(result)}\n`);
  agent.destroy();
  process.disconnect();
}

if (require.main === module && process.argv[2] === 'probe') {
  probe(process.argv[3]).catch((error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}
