import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Users } from '../../src/auth/users';
import { CommandRunner, writeContext } from '../../src/event-store/command-runner';
import { Database } from '../../src/event-store/database';
import { EventStore } from '../../src/event-store/event-store';
import { Clock } from '../../src/kernel/clock';
import { Projector } from '../../src/projections/projector';
import { ChangeRecommendationCommand } from '../../src/recommendations/change-recommendation.command';
import { deleteRedisKeys } from '../support/test-app';
import { runCannon } from './load';
import type { Log } from './run';

/**
 * What reads and writes cost as the data grows: the list's first page with
 * 1,000 recommendations and 60,000 progress notes against a bare GET on the
 * same server, a write's median at stream lengths 100, 1,000 and 5,000, and
 * the detail as of a past instant at 5,000 events. The data is appended
 * straight to the store (the read models are kept inline, as for any write);
 * everything measured goes over HTTP.
 */

const RECOMMENDATIONS = Number(process.env.BENCH_GROWTH_RECOMMENDATIONS ?? 1000);
const ACTIONS = 5;
const NOTES_PER_ACTION = 12;
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const SAMPLES = 100;
const NOTE = 'Två stadsdelar kartlagda – Rinkeby och Tensta; nästa steg är Husby och Akalla.';
const fmt = (n: number) => n.toLocaleString('en-GB');

/** The same server, guard, pipes and filter, answering a GET with nothing: the ceiling a read is measured against. */
@Controller('bench')
class NoopReadController {
  @Get('noop')
  noop() {
    return { ok: true };
  }
}

const benchModule = (env: Record<string, string>) => {
  @Module({ imports: [AppModule.forRoot(env)], controllers: [NoopReadController] })
  class GrowthBenchModule {}
  return GrowthBenchModule;
};

type App = { get: INestApplication['get'] };

async function appender(app: App) {
  const store = app.get(EventStore);
  const db = app.get(Database);
  const officer = (await app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
  const metadata = app.get(CommandRunner).metadata(writeContext(officer), null);
  return {
    officer,
    append: (streamId: string, events: Array<{ type: string; data: unknown }>, expectedVersion: number) =>
      db.write((tx) => store.append(tx, streamId, events, { expectedVersion: expectedVersion === 0 ? 'no_stream' : expectedVersion, metadata })),
  };
}

/**
 * `count` recommendations in the seeded review, each accepted with 5 actions
 * and 12 notes on each (67 events): 60,000 notes at 1,000. Every fifth action
 * was due before the clock's today, so the list has overdue actions to count.
 */
export async function growRecommendations(app: App, count: number): Promise<void> {
  const { officer, append } = await appender(app);
  const [review] = await app.get(Database).query<{ id: string }>('SELECT id FROM rm_reviews');
  for (let r = 0; r < count; r++) {
    const id = randomUUID();
    const events: Array<{ type: string; data: unknown }> = [
      { type: 'RecommendationRegistered', data: { recommendationId: id, reviewId: review.id, code: `G${r + 1}`, title: `Rekommendation ${r + 1}`, text: NOTE, textEn: null, responsibleUnit: r % 2 ? 'sfi' : 'utredning' } },
      { type: 'RecommendationDecided', data: { decision: 'accepted', reason: 'VP 2012', meeting: null } },
    ];
    for (let a = 0; a < ACTIONS; a++) {
      const actionId = randomUUID();
      const dueDate = (r + a) % 5 === 0 ? '2012-03-31' : '2012-12-31';
      events.push({ type: 'ActionAdded', data: { actionId, title: `Åtgärd ${a + 1}`, description: null, responsibleUnit: 'sfi', ownerEmail: officer.email, dueDate } });
      for (let n = 0; n < NOTES_PER_ACTION; n++) {
        events.push({ type: 'ActionProgressReported', data: { actionId, progressPercent: n * 5, note: NOTE, evidence: n % 4 === 0 ? [{ title: 'Protokoll', url: 'https://example.org/p.pdf' }] : [] } });
      }
    }
    await append(`recommendation-${id}`, events, 0);
  }
}

/**
 * One recommendation's stream grown to `length` events by progress notes written through the
 * command path one at a time, as the app writes them (so whatever the write path keeps for long
 * streams, such as snapshots, is kept here too).
 */
async function growStream(app: App, id: string, actionId: string, from: number, length: number): Promise<void> {
  const bus = app.get(CommandBus);
  const { officer } = await appender(app);
  for (let version = from; version < length; version++) {
    await bus.execute(new ChangeRecommendationCommand(id, { type: 'ReportProgress', actionId, progressPercent: version % 100, note: NOTE, evidence: [] }, writeContext(officer)));
  }
}

/** autocannon in a child process (see load.ts), 50 connections, GETs cycling through the given paths. */
const cannon = (url: string, token: string, paths: string[]) => runCannon({ url, token, seconds: HTTP_SECONDS, connections: 50, paths, bodies: [], method: 'GET' });

const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];

/** One request after another, timed from the client: the median and the last body's size. */
async function sequential(samples: number, request: (i: number) => Promise<Response>): Promise<{ p50: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const res = await request(i);
    const body = await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) throw new Error(`${res.status}: ${Buffer.from(body).toString()}`);
    bytes = body.byteLength;
  }
  return { p50: median(times), bytes };
}

export async function run(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-growth-'));
  const redisPrefix = `bench-${randomUUID()}`;
  const env = {
    DATABASE_URL: `sqlite:${join(dir, 'tracker.sqlite')}`,
    RUN_WORKER: 'false',
    APP_NOW: '2012-04-10T08:00:00Z',
    RATE_LIMIT_PER_MINUTE: '10000000',
    REDIS_PREFIX: redisPrefix,
    LOG_FILE: join(dir, 'bench.log'),
  };
  try {
    const app = await NestFactory.create(benchModule(env), { bodyParser: false, logger: ['error'] });
    configureApp(app);
    await app.init();
    let started = performance.now();
    await growRecommendations(app, RECOMMENDATIONS);
    const built = (performance.now() - started) / 1000;
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'sekreterare@demo.local', password: 'demo-password' }) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const auth = { authorization: `Bearer ${token}` };
    const [{ n: notes }] = await app.get(Database).query<{ n: number | string }>('SELECT COUNT(*) AS n FROM rm_action_updates');

    log(`${fmt(RECOMMENDATIONS + 5)} recommendations, ${fmt(Number(notes))} progress notes (built in ${built.toFixed(1)} s); autocannon in its own process, 50 connections, ${HTTP_SECONDS} s each`);
    const noop = await cannon(base, token, ['/api/v1/bench/noop']);
    log(`  no-op GET (same guard, pipes)      ${fmt(noop.rps)} req/s, p99 ${noop.p99} ms, non-2xx ${noop.non2xx}`);
    // The route with nothing in front of it (no session, no request limit): what a load client of someone else's may take as the bare GET.
    const live = await cannon(base, token, ['/api/v1/health/live']);
    log(`  /health/live (no session, no limit) ${fmt(live.rps)} req/s, p99 ${live.p99} ms, non-2xx ${live.non2xx}`);
    const list = await cannon(base, token, ['/api/v1/recommendations']);
    log(`  list, first page of 100            ${fmt(list.rps)} req/s = ${Math.round((list.rps / noop.rps) * 100)}% of no-op (target ≥ 30%), ${Math.round((list.rps / live.rps) * 100)}% of /health/live, p99 ${list.p99} ms (target < 100 ms), non-2xx ${list.non2xx}, errors ${list.errors}`);
    const unit = await cannon(base, token, ['/api/v1/recommendations?unit=sfi&status=accepted']);
    log(`  list filtered by unit and status   ${fmt(unit.rps)} req/s = ${Math.round((unit.rps / noop.rps) * 100)}% of no-op, p99 ${unit.p99} ms`);
    const [some] = await app.get(Database).query<{ id: string }>("SELECT id FROM rm_recommendations WHERE code = 'G500'");
    if (some) {
      const detail = await cannon(base, token, [`/api/v1/recommendations/${some.id}`]);
      log(`  detail of one (5 actions × 12 notes) ${fmt(detail.rps)} req/s = ${Math.round((detail.rps / noop.rps) * 100)}% of no-op, p99 ${detail.p99} ms`);
    }

    const reviews = await sequential(10, () => fetch(`${base}/api/v1/reviews`, { headers: auth }));
    const reviewsLoad = await cannon(base, token, ['/api/v1/reviews']);
    log(
      `  reviews list (a count over the summary rows) p50 ${reviews.p50.toFixed(1)} ms one at a time; ` +
        `${fmt(reviewsLoad.rps)} req/s = ${Math.round((reviewsLoad.rps / noop.rps) * 100)}% of no-op, p99 ${reviewsLoad.p99} ms`,
    );

    // One recommendation whose stream grows: a write's median at 100, 1,000 and 5,000 events.
    const { officer } = await appender(app);
    const officerLogin = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: officer.email, password: 'demo-password' }) });
    const officerAuth = { authorization: `Bearer ${((await officerLogin.json()) as { accessToken: string }).accessToken}`, 'content-type': 'application/json' };
    const id = randomUUID();
    const actionId = randomUUID();
    const [review] = await app.get(Database).query<{ id: string }>('SELECT id FROM rm_reviews');
    await (await appender(app)).append(`recommendation-${id}`, [
      { type: 'RecommendationRegistered', data: { recommendationId: id, reviewId: review.id, code: 'LONG', title: 'En lång ström', text: NOTE, textEn: null, responsibleUnit: 'sfi' } },
      { type: 'RecommendationDecided', data: { decision: 'accepted', reason: 'VP 2012', meeting: null } },
      { type: 'ActionAdded', data: { actionId, title: 'Åtgärd', description: null, responsibleUnit: 'sfi', ownerEmail: officer.email, dueDate: '2012-12-31' } },
    ], 0);
    let length = 3;
    log(`one recommendation's stream growing; ${SAMPLES} progress writes over HTTP one after another at each length, then ${SAMPLES / 5} detail reads now and as many as of before them`);
    const write = (i: number) =>
      fetch(`${base}/api/v1/recommendations/${id}/actions/${actionId}/progress`, { method: 'POST', headers: officerAuth, body: JSON.stringify({ progressPercent: i % 100, note: NOTE }) });
    const writeP50: number[] = [];
    for (const target of [100, 1000, 5000]) {
      const from = Math.max(length, target - SAMPLES);
      await growStream(app, id, actionId, length, from);
      const before = app.get(Clock).nowIso();
      await new Promise((resolve) => setTimeout(resolve, 5));
      started = performance.now();
      const writes = await sequential(SAMPLES, write);
      length = from + SAMPLES;
      writeP50.push(writes.p50);
      const asOf = await sequential(SAMPLES / 5, () => fetch(`${base}/api/v1/recommendations/${id}?asOf=${encodeURIComponent(before)}`, { headers: auth }));
      const now = await sequential(SAMPLES / 5, () => fetch(`${base}/api/v1/recommendations/${id}`, { headers: auth }));
      log(
        `  ${fmt(length).padStart(5)} events: write p50 ${writes.p50.toFixed(1)} ms (response ${fmt(writes.bytes)} bytes); ` +
          `detail now p50 ${now.p50.toFixed(1)} ms; as of ${SAMPLES} writes back p50 ${asOf.p50.toFixed(1)} ms (${fmt(asOf.bytes)} bytes)`,
      );
    }
    log(`  write p50 at 5,000 events vs 100: ${(writeP50[2] / writeP50[0]).toFixed(2)}× (target ≤ 1.5×)`);
    // Last: the rebuild holds the write lock and the event loop, which would drop the idle HTTP connections above.
    started = performance.now();
    const rebuilt = await app.get(Projector).rebuild(['recommendations']);
    const rebuildSeconds = (performance.now() - started) / 1000;
    log(`projections:rebuild recommendations: ${fmt(rebuilt.events)} events in ${rebuildSeconds.toFixed(1)} s = ${fmt(Math.round(rebuilt.events / rebuildSeconds))} events/s`);
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await deleteRedisKeys(redisPrefix);
  }
}
