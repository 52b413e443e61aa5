import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { AppModule } from '../../src/app.module';
import type { CycleState } from '../../src/cycles/domain/cycle';
import { writeContext } from '../../src/event-store/command-runner';
import { openDataSource } from '../../src/event-store/data-source';
import { Database } from '../../src/event-store/database';
import type { StoredEvent } from '../../src/event-store/event-store';
import { SYSTEM_ACTOR } from '../../src/kernel/actor';
import { Clock } from '../../src/kernel/clock';
import { ChangeRecommendationCommand } from '../../src/recommendations/change-recommendation.command';
import type { RecommendationState } from '../../src/recommendations/domain/recommendation.state';
import { recommendationRows } from '../../src/recommendations/recommendations.projection';
import { writeRows } from '../../src/projections/projector';
import { ReminderDelivery } from '../../src/reminders/delivery/reminder-delivery';
import { planReminders } from '../../src/reminders/domain/reminder-plan';
import { ReminderPlanner } from '../../src/reminders/planning/reminder-planner';
import { OutboxRelay } from '../../src/reminders/queue/outbox-relay';
import { ReminderWorker } from '../../src/reminders/queue/reminder-worker';
import { VERKSAMHETSPLAN_2012 } from '../../src/seed/stockholm-2012';
import type { Log } from './run';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const OPEN_ACTIONS = 10_000;
const ACTIONS_PER_RECOMMENDATION = 10;
const DUE_REMINDERS = 1000;
const NOW = '2012-04-10T08:00:00.000Z';

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

const cycle: CycleState = { id: 'vp2012', ...VERKSAMHETSPLAN_2012, version: 1, lastChangedAt: '2012-01-10T09:00:00.000Z' };
const unitHeads = { sfi: ['chef.sfi@demo.local'], utredning: ['chef.utredning@demo.local'] };

/** 10,000 open actions over 1,000 recommendations, due dates spread over the year, one in five already overdue. */
function openActions(): RecommendationState[] {
  const recommendations: RecommendationState[] = [];
  for (let r = 0; r < OPEN_ACTIONS / ACTIONS_PER_RECOMMENDATION; r++) {
    const id = randomUUID();
    recommendations.push({
      id,
      reviewId: 'bench',
      code: `R${r + 1}`,
      title: 'Uppsökande verksamhet',
      text: '',
      textEn: null,
      responsibleUnit: 'sfi',
      status: 'in_progress',
      decision: null,
      assessment: null,
      version: 1 + ACTIONS_PER_RECOMMENDATION,
      actions: Array.from({ length: ACTIONS_PER_RECOMMENDATION }, (_, a) => {
        const i = r * ACTIONS_PER_RECOMMENDATION + a;
        const dueDate = i % 5 === 0 ? '2012-03-30' : `2012-${String(5 + (i % 8)).padStart(2, '0')}-15`;
        return {
          id: randomUUID(),
          title: `Åtgärd ${i + 1}`,
          description: null,
          responsibleUnit: 'sfi',
          ownerEmail: `handlaggare${i % 40}@demo.local`,
          dueDate,
          originalDueDate: dueDate,
          status: 'planned',
          progressPercent: 0,
          addedAt: '2012-02-01T09:00:00.000Z',
          completedAt: null,
          updates: [],
        };
      }),
    } as unknown as RecommendationState);
  }
  return recommendations;
}

function pureRate(log: Log, recommendations: RecommendationState[]): void {
  let planned = 0;
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    planned = 0;
    for (const recommendation of recommendations) planned += planReminders({ recommendation, cycles: [cycle], unitHeads, now: NOW }).length;
    best = Math.min(best, performance.now() - started);
  }
  log(`planning (pure): ${fmt(OPEN_ACTIONS)} open actions → ${fmt(planned)} reminders in ${fmt(best)} ms: ${fmt((planned / best) * 1000)} reminders/s, ${fmt((OPEN_ACTIONS / best) * 1000)} actions/s`);
}

/** The planner inside a write transaction, as after a cycle change: read every state, plan, store what is new. */
async function writePathRate(log: Log, dir: string, recommendations: RecommendationState[]): Promise<void> {
  // a database of its own, with no relay: the reminders stored here are counted, never sent
  const dataSource = await openDataSource({ type: 'sqlite', path: join(dir, 'planning.sqlite') });
  const db = new Database(dataSource);
  const planner = new ReminderPlanner(new Clock(NOW));
  await db.write(async (tx) => {
    // The users read model's row alone: the planner reads whom to remind, nobody signs in here.
    await tx.query('INSERT INTO users (id, email, name, role, unit, language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      randomUUID(),
      'chef.sfi@demo.local',
      'Chef',
      'unit_head',
      'sfi',
      'sv',
      NOW,
    ]);
    await tx.query('INSERT INTO rm_cycles (id, year, name, state) VALUES (?, ?, ?, ?)', [cycle.id, cycle.year, cycle.name, JSON.stringify(cycle)]);
    for (const s of recommendations) await writeRows(tx, recommendationRows(null, { ...s, reviewId: `bench-${s.id}` }));
  });
  const cycleChanged = [{ streamId: 'cycle-bench', type: 'CycleChanged', data: {}, occurredAt: NOW }] as StoredEvent[];
  const count = async () => Number((await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM reminders'))[0].n);
  const before = await count();
  let started = performance.now();
  await db.write((tx) => planner.onAppended(tx, cycleChanged));
  const firstMs = performance.now() - started;
  const stored = (await count()) - before;
  started = performance.now();
  await db.write((tx) => planner.onAppended(tx, cycleChanged));
  const againMs = performance.now() - started;
  log(`planning in the write path (${db.dialect}), every open action replanned as after a cycle change:`);
  log(`  first time: ${fmt(stored)} reminders stored with their outbox rows in ${fmt(firstMs)} ms: ${fmt((stored / firstMs) * 1000)} reminders/s`);
  log(`  again, nothing new: ${fmt(againMs)} ms: ${fmt((OPEN_ACTIONS / againMs) * 1000)} actions/s`);
  await dataSource.destroy();
}

async function smtpReceiver(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * 1,000 overdue notices due now (500 overdue actions, owner and unit head
 * each), planned by real writes and relayed to BullMQ with no worker running;
 * then one worker is started and timed until the SMTP receiver has them all
 * and every one is recorded as sent.
 */
async function delivery(log: Log, app: INestApplicationContext, smtp: Awaited<ReturnType<typeof smtpReceiver>>, prefix: string): Promise<void> {
  const commands = app.get(CommandBus);
  const db = app.get(Database);
  const ctx = () => writeContext(SYSTEM_ACTOR);
  const recommendations = await db.query<{ id: string }>('SELECT id FROM rm_recommendations ORDER BY code');
  const perRecommendation = DUE_REMINDERS / 2 / recommendations.length;
  const started = performance.now();
  for (const { id } of recommendations) {
    await commands.execute(new ChangeRecommendationCommand(id, { type: 'RecordDecision', decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting: null }, ctx()));
    for (let i = 0; i < perRecommendation; i++) {
      await commands.execute(
        new ChangeRecommendationCommand(
          id,
          { type: 'AddAction', actionId: randomUUID(), title: `Försenad åtgärd ${i + 1}`, description: null, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-04-02' },
          ctx(),
        ),
      );
    }
  }
  const due = async () =>
    Number((await db.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM reminders WHERE status = 'scheduled' AND send_at <= ?", [app.get(Clock).nowIso()]))[0].n);
  await app.get(OutboxRelay).relayNow();
  const dueCount = await due();
  log(`delivery: ${fmt(dueCount)} due reminders planned and relayed by ${fmt(recommendations.length + DUE_REMINDERS / 2)} writes in ${fmt(performance.now() - started)} ms`);

  const worker = new ReminderWorker(app.get(ReminderDelivery), { redisUrl: REDIS_URL, prefix });
  const sent = async () => Number((await db.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM reminders WHERE status = 'sent'"))[0].n);
  const sendStarted = performance.now();
  worker.start();
  await until(async () => smtp.received() >= dueCount && (await sent()) >= dueCount, 300_000, 'the due reminders to be delivered');
  const ms = performance.now() - sendStarted;
  await worker.close();
  log(`  ${fmt(dueCount)} mails delivered to a local SMTP receiver and recorded as sent in ${fmt(ms)} ms: ${fmt((dueCount / ms) * 1000)} mails/s (one worker, concurrency 8, one SMTP connection per mail)`);
}

async function cleanRedis(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function run(log: Log): Promise<void> {
  const recommendations = openActions();
  pureRate(log, recommendations);

  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-bench-reminders-'));
  await writePathRate(log, dir, recommendations);
  const prefix = `bench-reminders-${randomUUID()}`;
  const smtp = await smtpReceiver();
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      DATABASE_URL: `sqlite:${join(dir, 'tracker.sqlite')}`,
      APP_NOW: NOW,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtp.url,
      RUN_WORKER: 'false',
    }),
    { logger: ['error'] },
  );
  try {
    await delivery(log, app, smtp, prefix);
  } finally {
    await app.close();
    await smtp.close();
    await cleanRedis(prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}
