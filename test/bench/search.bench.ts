import { CommandBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Users } from '../../src/auth/users';
import { writeContext } from '../../src/event-store/command-runner';
import { Database } from '../../src/event-store/database';
import { Projector } from '../../src/projections/projector';
import { ChangeRecommendationCommand } from '../../src/recommendations/change-recommendation.command';
import { TestDatabase } from '../support/test-app';
import { growRecommendations } from './growth.bench';
import { runCannon } from './load';
import type { Log } from './run';

/**
 * Search over the growth fixture (1,000 recommendations, 60,000 progress
 * notes, every note the same sentence) on SQLite and on PostgreSQL: a rare
 * word in another form (`språkkurs` finding the notes that say
 * "språkkurserna"), a word every note holds (its first page and a deep one:
 * the count and the ranking see every match), load on the rare word, and
 * rebuilding the index.
 */

const RECOMMENDATIONS = Number(process.env.BENCH_GROWTH_RECOMMENDATIONS ?? 1000);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const RARE_NOTES = 20;
const fmt = (n: number) => n.toLocaleString('en-GB');
const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];

async function timed(samples: number, request: () => Promise<Response>): Promise<{ p50: number; total: string | null }> {
  const times: number[] = [];
  let total: string | null = null;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const res = await request();
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) throw new Error(`search answered ${res.status}`);
    total = res.headers.get('x-total-count');
  }
  return { p50: median(times), total };
}

async function onDatabase(kind: 'sqlite' | 'postgres', log: Log): Promise<void> {
  const db = await TestDatabase.create(kind);
  try {
    const env = { DATABASE_URL: db.url, RUN_WORKER: 'false', APP_NOW: '2012-04-10T08:00:00Z', RATE_LIMIT_PER_MINUTE: '10000000', REDIS_PREFIX: db.redisPrefix, LOG_LEVEL: 'silent' };
    const app = await NestFactory.create(AppModule.forRoot(env), { bodyParser: false, logger: ['error'] });
    configureApp(app);
    await app.init();
    let started = performance.now();
    await growRecommendations(app, RECOMMENDATIONS);
    const built = (performance.now() - started) / 1000;
    // A few notes in another word form than the query's, written through the command path like any note.
    const officer = (await app.get(Users).findByEmail('handlaggare.sfi@demo.local'))!;
    const actions = await app.get(Database).query<{ recommendation_id: string; id: string }>(`SELECT recommendation_id, id FROM rm_actions WHERE responsible_unit = 'sfi' ORDER BY recommendation_id, id LIMIT ${RARE_NOTES}`);
    for (const a of actions) {
      await app.get(CommandBus).execute(
        new ChangeRecommendationCommand(a.recommendation_id, { type: 'ReportProgress', actionId: a.id, progressPercent: 70, note: 'Alla deltagare har gått språkkurserna.', evidence: [] }, writeContext(officer)),
      );
    }
    const [{ n: entries }] = await app.get(Database).query<{ n: number | string }>('SELECT COUNT(*) AS n FROM search_entries');
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'handlaggare.utredning@demo.local', password: 'demo-password' }) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const get = (query: string) => () => fetch(`${base}/api/v1/search?${query}`, { headers: { authorization: `Bearer ${token}` } });

    log(`${kind}: ${fmt(Number(entries))} index rows (fixture built in ${built.toFixed(1)} s, the index kept inline)`);
    const rare = await timed(50, get(`q=${encodeURIComponent('språkkurs')}`));
    log(`  "språkkurs" → ${rare.total} hits ("språkkurserna")        p50 ${rare.p50.toFixed(1)} ms`);
    const common = await timed(10, get('q=Rinkeby'));
    log(`  "Rinkeby" → ${fmt(Number(common.total))} hits, first 100       p50 ${common.p50.toFixed(1)} ms`);
    const deep = await timed(10, get(`q=Rinkeby&after=${Math.max(0, Number(common.total) - 100)}`));
    log(`  "Rinkeby", the last 100                  p50 ${deep.p50.toFixed(1)} ms`);
    const load = await runCannon({ url: base, token, seconds: HTTP_SECONDS, connections: 20, paths: [`/api/v1/search?q=${encodeURIComponent('språkkurs')}`], bodies: [], method: 'GET' });
    log(`  "språkkurs" under load (20 connections, ${HTTP_SECONDS} s) ${fmt(load.rps)} req/s, p99 ${load.p99} ms, non-2xx ${load.non2xx}`);
    started = performance.now();
    const rebuilt = await app.get(Projector).rebuild(['search']);
    log(`  projections:rebuild search: ${fmt(rebuilt.events)} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await app.close();
  } finally {
    await db.drop();
  }
}

export async function run(log: Log): Promise<void> {
  await onDatabase('sqlite', log);
  await onDatabase('postgres', log);
}
