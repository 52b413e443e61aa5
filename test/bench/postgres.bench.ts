import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../support/free-port';
import { deleteRedisKeys, TestDatabase } from '../support/test-app';
import { runCannon, type CannonResult } from './load';
import type { Log } from './run';

/**
 * PostgreSQL against SQLite, and two app instances on one PostgreSQL against
 * one: the core bench's HTTP progress writes (the command path), plus reads
 * (GET of a recommendation's detail). Every app is its own process started as
 * in production (`node dist/src/main.js`), so two instances are two event loops
 * that meet only in the database, and the load generator is a third process
 * per instance (cannon.ts). The sides of each ratio take turns, round by
 * round, and each figure is the median of its rounds.
 */
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
/** Each comparison is run this many times, its sides taking turns, and the median taken: load from elsewhere on the machine then weighs on both. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const RECOMMENDATIONS = 200;
const ACTIONS_PER_RECOMMENDATION = 5;
const NOTE = 'Två stadsdelar kartlagda – Rinkeby och Tensta; nästa steg är Husby och Akalla.';
const MAIN = join(__dirname, '../../src/main.js');

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

interface Load {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Share of the machine's CPU time that was busy during the load (every process, not only ours); null off Linux. */
  machineBusy: number | null;
  /** The app processes' CPU time per answered request, in ms; null off Linux. */
  appCpuMs: number | null;
}

/** Jiffies since boot: all, and idle (idle + iowait), from /proc/stat; null where there is none. */
function machineJiffies(): { all: number; idle: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const n = fields.map(Number);
    return { all: n.reduce((a, b) => a + b, 0), idle: n[3] + n[4] };
  } catch {
    return null;
  }
}

/** A process's user + system CPU time in ms, from /proc; null where there is none. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

interface Instance {
  base: string;
  process: ChildProcess;
}

interface Workload {
  token: string;
  writePaths: string[];
  readPaths: string[];
}

/** An app process as production starts one; resolves once it answers /health/live. */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 60_000; await sleep(100)) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}: ${stderr}`);
    const live = await fetch(`${base}/api/v1/health/live`).catch(() => null);
    if (live?.ok) return { base, process: child };
  }
  child.kill('SIGKILL');
  throw new Error(`The app did not start within 60 s: ${stderr}`);
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.process.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.process.once('exit', resolve));
  instance.process.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) instance.process.kill('SIGKILL');
}

async function call(base: string, path: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const login = async (base: string, email: string): Promise<string> =>
  ((await call(base, '/api/v1/auth/login', null, { email, password: 'demo-password' })) as { accessToken: string }).accessToken;

/**
 * The core bench's workload through the API: 200 accepted recommendations with 5 actions
 * each in the seeded review; writes are progress reports spread over those actions, reads
 * the recommendations' detail pages.
 */
async function prepare(base: string): Promise<Workload> {
  const secretary = await login(base, 'sekreterare@demo.local');
  const officer = await login(base, 'handlaggare.sfi@demo.local');
  const [review] = (await call(base, '/api/v1/reviews', secretary)) as Array<{ id: string }>;
  const recommendation = async (r: number): Promise<Array<[string, string]>> => {
    const { id } = await call(base, '/api/v1/recommendations', secretary, { reviewId: review.id, code: `B${r + 1}`, title: `Rekommendation ${r + 1}`, text: 'Följ upp deltagarna i sfi- och samhällsorienteringskurserna.', responsibleUnit: 'sfi' });
    await call(base, `/api/v1/recommendations/${id}/decision`, secretary, { decision: 'accepted', reason: 'VP 2012' });
    const pairs: Array<[string, string]> = [];
    for (let a = 0; a < ACTIONS_PER_RECOMMENDATION; a++) {
      const added = await call(base, `/api/v1/recommendations/${id}/actions`, officer, { title: `Åtgärd ${a}`, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-12-31' });
      pairs.push([id, added.actions[a].id as string]);
    }
    return pairs;
  };
  const pairs: Array<[string, string]> = [];
  // Ten at a time: the preparation is not what is measured.
  for (let r = 0; r < RECOMMENDATIONS; r += 10) {
    const batch = await Promise.all(Array.from({ length: Math.min(10, RECOMMENDATIONS - r) }, (_, i) => recommendation(r + i)));
    pairs.push(...batch.flat());
  }
  return {
    token: officer,
    writePaths: pairs.map(([id, actionId]) => `/api/v1/recommendations/${id}/actions/${actionId}/progress`),
    readPaths: [...new Set(pairs.map(([id]) => `/api/v1/recommendations/${id}`))],
  };
}

function cannon(base: string, token: string, paths: string[], method: 'GET' | 'POST'): Promise<CannonResult> {
  const bodies = method === 'POST' ? Array.from({ length: 100 }, (_, n) => JSON.stringify({ progressPercent: n, note: NOTE })) : [];
  return runCannon({ url: base, token, seconds: HTTP_SECONDS, connections: CONNECTIONS, paths, bodies, method });
}

/** The same load on every instance at once, one load generator each; throughput adds up, p99 is the worst. */
async function load(instances: Instance[], workload: Workload, method: 'GET' | 'POST'): Promise<Load> {
  const machineBefore = machineJiffies();
  const appBefore = instances.map((i) => processCpuMs(i.process.pid));
  const results = await Promise.all(instances.map((i) => cannon(i.base, workload.token, method === 'GET' ? workload.readPaths : workload.writePaths, method)));
  const machineAfter = machineJiffies();
  const appAfter = instances.map((i) => processCpuMs(i.process.pid));
  const answered = results.reduce((sum, r) => sum + r.total, 0);
  const appMs = appAfter.every((v, i) => v !== null && appBefore[i] !== null) ? appAfter.reduce<number>((sum, v, i) => sum + v! - appBefore[i]!, 0) : null;
  return {
    rps: results.reduce((sum, r) => sum + r.rps, 0),
    p99: Math.max(...results.map((r) => r.p99)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    machineBusy: machineBefore && machineAfter ? 1 - (machineAfter.idle - machineBefore.idle) / (machineAfter.all - machineBefore.all) : null,
    appCpuMs: appMs !== null && answered > 0 ? appMs / answered : null,
  };
}

const median = (loads: Load[]): Load => {
  const sorted = [...loads].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Each load in turn, ROUNDS times over; the median of each. */
async function inTurns(loads: Array<() => Promise<Load>>): Promise<Load[]> {
  const results: Load[][] = loads.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, load] of loads.entries()) results[i].push(await load());
  }
  return results.map(median);
}

/** Where the time went: whether the machine had CPU to spare, and what a request cost the app. */
const cpu = (l: Load) =>
  l.machineBusy === null || l.appCpuMs === null ? '' : `; machine ${Math.round(l.machineBusy * 100)}% busy, app ${l.appCpuMs.toFixed(2)} ms CPU a request`;

const line = (label: string, l: Load, extra = '') =>
  `  ${label.padEnd(40)}${fmt(l.rps).padStart(7)} req/s, p99 ${l.p99} ms, non-2xx ${l.non2xx}, errors ${l.errors}${extra}${cpu(l)}`;

export async function run(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-bench-pg-'));
  const redisPrefix = `bench-${randomUUID()}`;
  const env = (databaseUrl: string, name: string) => ({
    DATABASE_URL: databaseUrl,
    RUN_WORKER: 'false',
    APP_NOW: '2012-04-10T08:00:00Z',
    RATE_LIMIT_PER_MINUTE: '10000000',
    REDIS_PREFIX: redisPrefix,
    // Logged as in production, to a file, so the figures include it.
    LOG_FILE: join(dir, `${name}.log`),
  });
  const instances: Instance[] = [];
  const started = async (databaseUrl: string, name: string) => {
    const instance = await startInstance(env(databaseUrl, name));
    instances.push(instance);
    return instance;
  };
  const pg = await TestDatabase.create('postgres');
  try {
    log(`HTTP, autocannon in its own process per instance, ${CONNECTIONS} connections each, ${HTTP_SECONDS} s each, median of ${ROUNDS} rounds taking turns; every app its own process`);
    log(`writes are progress reports spread over ${RECOMMENDATIONS * ACTIONS_PER_RECOMMENDATION} actions of ${RECOMMENDATIONS} recommendations, reads GET their detail`);

    const sqlite = await started(`sqlite:${join(dir, 'tracker.sqlite')}`, 'sqlite');
    const sqliteWorkload = await prepare(sqlite.base);
    const first = await started(pg.url, 'pg-1');
    const workload = await prepare(first.base);
    const [sqliteWrites, oneWrites] = await inTurns([() => load([sqlite], sqliteWorkload, 'POST'), () => load([first], workload, 'POST')]);
    log(line('SQLite, one instance: writes', sqliteWrites));
    log(line('PostgreSQL, one instance: writes', oneWrites, ` = ${Math.round((oneWrites.rps / sqliteWrites.rps) * 100)}% of SQLite (target ≥ 80%)`));
    await stopInstance(sqlite);

    const second = await started(pg.url, 'pg-2');
    const [oneWritesAgain, twoWrites, oneReads, twoReads] = await inTurns([
      () => load([first], workload, 'POST'),
      () => load([first, second], workload, 'POST'),
      () => load([first], workload, 'GET'),
      () => load([first, second], workload, 'GET'),
    ]);
    log(line('PostgreSQL, one instance: writes', oneWritesAgain));
    log(line('PostgreSQL, two instances: writes', twoWrites, ` = ${ratio(twoWrites.rps, oneWritesAgain.rps)} one instance (target ≥ 1.0×)`));
    log(line('PostgreSQL, one instance: reads', oneReads));
    log(line('PostgreSQL, two instances: reads', twoReads, ` = ${ratio(twoReads.rps, oneReads.rps)} one instance (target ≥ 1.6×)`));
  } finally {
    for (const instance of instances) await stopInstance(instance);
    await pg.drop();
    rmSync(dir, { recursive: true, force: true });
    // The apps relayed their reminder outbox to Redis under this prefix: leave nothing behind.
    await deleteRedisKeys(redisPrefix);
  }
}
