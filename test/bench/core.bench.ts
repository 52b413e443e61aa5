import { Body, Controller, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { IsOptional, IsString } from 'class-validator';
import { AppModule } from '../../src/app.module';
import { deleteRedisKeys } from '../support/test-app';
import { configureApp } from '../../src/app.setup';
import { Users } from '../../src/auth/users';
import { CommandRunner, writeContext } from '../../src/event-store/command-runner';
import { EventStore } from '../../src/event-store/event-store';
import { Database } from '../../src/event-store/database';
import { Projector } from '../../src/projections/projector';
import { ChangeRecommendationCommand } from '../../src/recommendations/change-recommendation.command';
import { recommendationStreamId } from '../../src/recommendations/domain/recommendation.events';
import { runCannon } from './load';
import type { Log } from './run';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 4000);
/** The raw inserts and the command path take turns in this many rounds of APPENDS / ROUNDS each: load from elsewhere on the machine then weighs on both. */
const ROUNDS = 4;
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const REBUILD_RECOMMENDATIONS = Number(process.env.BENCH_REBUILD_RECOMMENDATIONS ?? 500);
const NOTE = 'Två stadsdelar kartlagda – Rinkeby och Tensta; nästa steg är Husby och Akalla.';

const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en-GB');

class NoopRequest {
  @IsOptional() @IsString() note?: string;
}

/** The same server, guard, pipes and filter, doing nothing: the ceiling an HTTP write is measured against. */
@Controller('bench')
class NoopController {
  @Post('noop')
  @HttpCode(200)
  noop(@Body() _body: NoopRequest) {
    return { ok: true };
  }
}

const benchModule = (env: Record<string, string>) => {
  @Module({ imports: [AppModule.forRoot(env)], controllers: [NoopController] })
  class BenchModule {}
  return BenchModule;
};

/**
 * What a raw append writes: the rows of the command path's progress notes (their streams, each
 * at the version the command path's first note finds it, and the metadata the store records), or,
 * as in runs before 2026-12-02, shorter rows over 50 streams with empty metadata.
 */
interface RawRows {
  streams: string[];
  firstVersion: number;
  /** One write's metadata as JSON: every write's is as long (its correlation id is a UUID too). */
  metadata: string;
}

/** The rows of runs before 2026-12-02: 50 streams named `recommendation-0` … `-49` in turn, metadata `{}`. */
const SHORTER_ROWS: RawRows = { streams: Array.from({ length: 50 }, (_, i) => `recommendation-${i}`), firstVersion: 1, metadata: '{}' };

/**
 * Raw better-sqlite3: the same rows into the same table (columns and indexes as the
 * migration makes them), one insert per transaction, WAL and synchronous=FULL like the
 * store. What the full path adds on top is the write path itself. The n-th append goes to
 * `rows.streams[n % length]` as the command path's n-th note does, at that stream's next version
 * (no hash is computed: the columns get 64 characters all the same). Returns a runner of `n` more appends that answers
 * how long they took, so the two sides can take turns.
 */
function rawAppender(dir: string, name: string, rows: RawRows): { run: (n: number) => number; close: () => void } {
  const db = new BetterSqlite3(join(dir, `${name}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id VARCHAR(200) NOT NULL, stream_version INTEGER NOT NULL,
    type VARCHAR(100) NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, occurred_at VARCHAR(30) NOT NULL,
    recorded_at VARCHAR(30) NOT NULL, prev_hash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL, UNIQUE (stream_id, stream_version));
    CREATE INDEX events_type ON events (type, position);
    CREATE INDEX events_occurred_at ON events (occurred_at);`);
  const insert = db.prepare('INSERT INTO events (stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)');
  const { streams, firstVersion, metadata } = rows;
  const versions = new Map<string, number>();
  const append = db.transaction((i: number) => {
    const now = new Date().toISOString();
    const stream = streams[i % streams.length];
    const version = (versions.get(stream) ?? firstVersion - 1) + 1;
    versions.set(stream, version);
    insert.run(stream, version, 'ActionProgressReported', JSON.stringify({ actionId: randomUUID(), progressPercent: i % 100, note: NOTE, evidence: [] }), metadata, now, now, '0'.repeat(64), '0'.repeat(64));
  });
  let done = 0;
  return {
    run: (n) => {
      const started = performance.now();
      for (const end = done + n; done < end; done++) append(done);
      return performance.now() - started;
    },
    close: () => db.close(),
  };
}

/**
 * emmett-sqlite 0.38 now and then fails a commit with SQLITE_BUSY ("SQL statements in
 * progress") and logs it; the store goes on working, so a failed append is counted and
 * the run continues rather than aborting the whole benchmark.
 */
async function emmettAppends(dir: string): Promise<{ perSecond: number; failed: number }> {
  const { getSQLiteEventStore } = await import('@event-driven-io/emmett-sqlite');
  const store = getSQLiteEventStore({ fileName: join(dir, 'emmett.sqlite') });
  const n = Math.min(APPENDS, 1000);
  let failed = 0;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    try {
      await store.appendToStream(`recommendation-${i % 50}`, [
        { type: 'ActionProgressReported', data: { actionId: randomUUID(), progressPercent: i % 100, note: NOTE, evidence: [] } },
      ]);
    } catch {
      failed++;
    }
  }
  return { perSecond: perSecond(n - failed, performance.now() - started), failed };
}

/**
 * Registers and accepts `recommendations` recommendations in the seeded review and gives each
 * `perRecommendation` actions; returns [recommendationId, actionId] pairs. Spread like a real
 * follow-up: many recommendations with a handful of actions, not one with thousands.
 */
async function prepareActions(app: { get: INestApplication['get'] }, recommendations: number, perRecommendation: number): Promise<Array<[string, string]>> {
  const bus = app.get(CommandBus);
  const users = app.get(Users);
  const secretary = (await users.findByEmail('sekreterare@demo.local'))!;
  const officer = (await users.findByEmail('handlaggare.sfi@demo.local'))!;
  const [review] = await app.get(Database).query<{ id: string }>('SELECT id FROM rm_reviews');
  const pairs: Array<[string, string]> = [];
  for (let r = 0; r < recommendations; r++) {
    const id = randomUUID();
    await bus.execute(new ChangeRecommendationCommand(id, { type: 'RegisterRecommendation', recommendationId: id, reviewId: review.id, code: `B${r + 1}`, title: `Rekommendation ${r + 1}`, text: 'Följ upp deltagarna i sfi- och samhällsorienteringskurserna.', textEn: null, responsibleUnit: 'sfi' }, writeContext(secretary)));
    await bus.execute(new ChangeRecommendationCommand(id, { type: 'RecordDecision', decision: 'accepted', reason: 'VP 2012', meeting: null }, writeContext(secretary)));
    for (let i = 0; i < perRecommendation; i++) {
      const actionId = randomUUID();
      await bus.execute(new ChangeRecommendationCommand(id, { type: 'AddAction', actionId, title: `Åtgärd ${i}`, description: null, responsibleUnit: 'sfi', ownerEmail: officer.email, dueDate: '2012-12-31' }, writeContext(officer)));
      pairs.push([id, actionId]);
    }
  }
  return pairs;
}

/** `n` progress notes through the CommandBus, each its own command, going on round the pairs from `from`; answers how long they took. */
async function fullPathAppends(app: { get: INestApplication['get'] }, pairs: Array<[string, string]>, from: number, n: number): Promise<number> {
  const bus = app.get(CommandBus);
  const officer = (await app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
  const started = performance.now();
  for (let i = from; i < from + n; i++) {
    const [id, actionId] = pairs[i % pairs.length];
    await bus.execute(new ChangeRecommendationCommand(id, { type: 'ReportProgress', actionId, progressPercent: i % 100, note: NOTE, evidence: [] }, writeContext(officer)));
  }
  return performance.now() - started;
}

/**
 * A log of some size for the rebuild to fold, shaped like a real follow-up: `count`
 * recommendations, each registered, accepted, with 5 actions and 20 progress notes on
 * each (107 events), appended straight to the store one recommendation per transaction.
 */
export async function appendHistoryForProfile(app: { get: INestApplication["get"] }, count: number): Promise<void> {
  return appendHistory(app, count);
}

async function appendHistory(app: { get: INestApplication['get'] }, count: number): Promise<void> {
  const store = app.get(EventStore);
  const officer = (await app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
  const metadata = app.get(CommandRunner).metadata(writeContext(officer), null);
  const [review] = await app.get(Database).query<{ id: string }>('SELECT id FROM rm_reviews');
  for (let r = 0; r < count; r++) {
    const id = randomUUID();
    const events: Array<{ type: string; data: unknown }> = [
      { type: 'RecommendationRegistered', data: { recommendationId: id, reviewId: review.id, code: `H${r + 1}`, title: `Rekommendation ${r + 1}`, text: NOTE, textEn: null, responsibleUnit: 'sfi' } },
      { type: 'RecommendationDecided', data: { decision: 'accepted', reason: 'VP 2012', meeting: null } },
    ];
    for (let a = 0; a < 5; a++) {
      const actionId = randomUUID();
      events.push({ type: 'ActionAdded', data: { actionId, title: `Åtgärd ${a + 1}`, description: null, responsibleUnit: 'sfi', ownerEmail: officer.email, dueDate: '2012-12-31' } });
      for (let n = 0; n < 20; n++) events.push({ type: 'ActionProgressReported', data: { actionId, progressPercent: n * 5, note: NOTE, evidence: [] } });
    }
    await app.get(Database).write((tx) => store.append(tx, `recommendation-${id}`, events, { expectedVersion: 'no_stream', metadata }));
  }
}

function rawScan(path: string): { events: number; perSecond: number } {
  const db = new BetterSqlite3(path, { readonly: true });
  const started = performance.now();
  let events = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as IterableIterator<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    events++;
  }
  const ms = performance.now() - started;
  db.close();
  return { events, perSecond: perSecond(events, ms) };
}

/** autocannon in a child process (see load.ts), 50 connections, POSTing the bodies to the paths in turn. */
const cannon = (url: string, token: string, paths: string[], bodies: string[]) => runCannon({ url, token, seconds: HTTP_SECONDS, connections: 50, paths, bodies });

export async function run(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-bench-'));
  const dbPath = join(dir, 'tracker.sqlite');
  const redisPrefix = `bench-${randomUUID()}`;
  // Requests are logged as in production, to a file, so the figures include it without flooding this output.
  const env = { DATABASE_URL: `sqlite:${dbPath}`, RUN_WORKER: 'false', APP_NOW: '2012-04-10T08:00:00Z', RATE_LIMIT_PER_MINUTE: '10000000', REDIS_PREFIX: redisPrefix, LOG_FILE: join(dir, 'bench.log') };
  try {
    log(`appends: ${fmt(APPENDS)} single-event appends, each its own transaction, WAL + synchronous=FULL; raw and the command path take turns in ${ROUNDS} rounds`);
    const emmett = await emmettAppends(dir);
    log(`  emmett-sqlite appendToStream       ${fmt(emmett.perSecond)} appends/s (its defaults; ${emmett.failed} of its appends failed with SQLITE_BUSY)`);

    const app = await NestFactory.create(benchModule(env), { bodyParser: false, logger: ['error'] });
    configureApp(app);
    await app.init();
    const pairs = await prepareActions(app, 200, 5);
    const officer = (await app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
    // Each recommendation has its registration, decision and five actions (version 7) before its first note.
    const sameRows = rawAppender(dir, 'raw', { streams: pairs.map(([id]) => recommendationStreamId(id)), firstVersion: 8, metadata: JSON.stringify(app.get(CommandRunner).metadata(writeContext(officer), null)) });
    const shorterRows = rawAppender(dir, 'raw-shorter', SHORTER_ROWS);
    let rawMs = 0;
    let shorterMs = 0;
    let fullMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      rawMs += sameRows.run(APPENDS / ROUNDS);
      fullMs += await fullPathAppends(app, pairs, (round * APPENDS) / ROUNDS, APPENDS / ROUNDS);
      shorterMs += shorterRows.run(APPENDS / ROUNDS);
    }
    sameRows.close();
    shorterRows.close();
    const raw = perSecond(APPENDS, rawMs);
    const shorter = perSecond(APPENDS, shorterMs);
    const full = perSecond(APPENDS, fullMs);
    log(`  raw better-sqlite3 inserts        ${fmt(raw)} appends/s (the command path's rows)`);
    log(`  full command path (CommandBus)     ${fmt(full)} appends/s = ${Math.round((full / raw) * 100)}% of raw (target ≥ 50%), ${(full / emmett.perSecond).toFixed(1)}× emmett-sqlite (target ≥ 5×)`);
    log(`  raw with the shorter rows of runs before 2026-12-02 (50 streams, no metadata): ${fmt(shorter)} appends/s; the command path ${Math.round((full / shorter) * 100)}% of it`);

    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'handlaggare.sfi@demo.local', password: 'demo-password' }) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const noop = await cannon(base, token, ['/api/v1/bench/noop'], [JSON.stringify({ note: NOTE })]);
    log(`HTTP, autocannon in its own process, 50 connections, ${HTTP_SECONDS} s each; writes are progress reports spread over ${fmt(pairs.length)} actions of 200 recommendations`);
    log(`  no-op route (same guard, pipes)    ${fmt(noop.rps)} req/s, p99 ${noop.p99} ms, non-2xx ${noop.non2xx}`);
    const writes = await cannon(
      base,
      token,
      pairs.map(([id, actionId]) => `/api/v1/recommendations/${id}/actions/${actionId}/progress`),
      Array.from({ length: 100 }, (_, n) => JSON.stringify({ progressPercent: n, note: NOTE })),
    );
    log(`  progress writes                    ${fmt(writes.rps)} req/s = ${Math.round((writes.rps / noop.rps) * 100)}% of no-op (target ≥ 40%), p99 ${writes.p99} ms (target < 50 ms), non-2xx ${writes.non2xx}, errors ${writes.errors}`);
    await appendHistory(app, REBUILD_RECOMMENDATIONS);
    const scan = rawScan(dbPath);
    const started = performance.now();
    const rebuilt = await app.get(Projector).rebuild();
    const rebuildRate = perSecond(rebuilt.events, performance.now() - started);
    log(`projection rebuild over ${fmt(scan.events)} events (${fmt(REBUILD_RECOMMENDATIONS)} more recommendations × 5 actions × 20 notes)`);
    log(`  raw scan (better-sqlite3 + JSON.parse) ${fmt(scan.perSecond)} events/s`);
    log(`  projections:rebuild                ${fmt(rebuildRate)} events/s = ${Math.round((rebuildRate / scan.perSecond) * 100)}% of the raw scan (target ≥ 50%)`);

    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // The app relayed its reminder outbox to Redis under this prefix: leave nothing behind.
    await deleteRedisKeys(redisPrefix);
  }
}
