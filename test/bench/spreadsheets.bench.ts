import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AppModule } from '../../src/app.module';
import { Database } from '../../src/event-store/database';
import { EventStore } from '../../src/event-store/event-store';
import { configureApp } from '../../src/app.setup';
import { officerMetadata as metadata } from '../support/officer-metadata';
import { TestDatabase } from '../support/test-app';
import type { Log } from './run';

/** Recommendations in the file: a large review's worth, as a secretary would paste them in. */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1000);
const TEXT = 'Förvaltningen bör utveckla samverkan med arbetsgivare och utbildningsanordnare så att fler deltagare i sfi får praktik, med uppföljning varje termin. '.repeat(4);

/** The audit log a city gathers in a few years: its workbook is streamed, never held. */
const AUDIT_EVENTS = Number(process.env.BENCH_AUDIT_XLSX_EVENTS ?? 200_000);
const PER_STREAM = 1000;

const ms = (started: number) => `${Math.round(performance.now() - started).toLocaleString('en-GB')} ms`;
const line = (label: string, value: string) => `  ${label.padEnd(40)}${value}`;
const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-GB')} kB`;

/** Issue #14: how long a secretary waits to export and import a review of 1,000 recommendations, on SQLite and on PostgreSQL. */
export async function run(log: Log): Promise<void> {
  await onDatabase('sqlite', log);
  await onDatabase('postgres', log);
}

async function onDatabase(kind: 'sqlite' | 'postgres', log: Log): Promise<void> {
  const database = await TestDatabase.create(kind);
  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-spreadsheets-bench-'));
  const env = { DATABASE_URL: database.url, RUN_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '10000000', REDIS_PREFIX: database.redisPrefix, LOG_FILE: join(dir, 'bench.log') };
  const app = await NestFactory.create(AppModule.forRoot(env), { bodyParser: false, logger: ['error'] });
  try {
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'sekreterare@demo.local', password: 'demo-password' }) });
    const auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    const newReview = async (title: string): Promise<string> => {
      const res = await fetch(`${base}/api/v1/reviews`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title, reviewer: 'Revisorerna', reviewedOn: '2012-03-01', committee: 'Arbetsmarknadsnämnden' }) });
      return ((await res.json()) as { id: string }).id;
    };
    const importFile = async (bytes: Uint8Array, name: string, query: string) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), name);
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/imports?${query}`, { method: 'POST', headers: auth, body: form });
      const body = (await res.json()) as { rows: Array<{ ok: boolean }>; applied: boolean };
      if (res.status !== 200 || !body.rows.every((r) => r.ok)) throw new Error(`The import failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return { took: ms(started), applied: body.applied };
    };
    const exportFile = async (reviewId: string, format: 'csv' | 'xlsx') => {
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/recommendations?reviewId=${reviewId}&format=${format}`, { headers: auth });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { took: ms(started), bytes };
    };

    const first = await newReview('Bench: import');
    const lines = ['code;title;text;responsibleUnit', ...Array.from({ length: ROWS }, (_, i) => `B${i + 1};Rekommendation ${i + 1};${TEXT};${i % 2 ? 'sfi' : 'utredning'}`)];
    const csv = new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
    log(`${kind}: ${ROWS.toLocaleString('en-GB')} recommendations of ${TEXT.length} characters each, one request at a time`);
    log(line(`import csv, dry run (${kb(csv.length)})`, (await importFile(csv, 'bench.csv', `dryRun=true&reviewId=${first}`)).took));
    log(line('import csv, applied', (await importFile(csv, 'bench.csv', `dryRun=false&reviewId=${first}`)).took));
    const xlsx = await exportFile(first, 'xlsx');
    log(line(`export xlsx (${kb(xlsx.bytes.length)})`, xlsx.took));
    const csvOut = await exportFile(first, 'csv');
    log(line(`export csv (${kb(csvOut.bytes.length)})`, csvOut.took));
    const second = await newReview('Bench: the export imported');
    log(line('import the xlsx export, applied', (await importFile(xlsx.bytes, 'bench.xlsx', `dryRun=false&reviewId=${second}`)).took));
    log(line('import the same file again (no-op)', (await importFile(xlsx.bytes, 'bench.xlsx', `dryRun=false&reviewId=${second}`)).took));

    if (kind === 'postgres') return;
    // Streams no read model follows, a thousand events each, appended as the log would hold them.
    const store = app.get(EventStore);
    const db = app.get(Database);
    for (let written = 0; written < AUDIT_EVENTS; written += PER_STREAM) {
      const events = Array.from({ length: Math.min(PER_STREAM, AUDIT_EVENTS - written) }, (_, i) => ({ type: 'ProgressReported', data: { i: written + i, note: `Framsteg ${written + i}: kartläggning av mötesplatser pågår` } }));
      await db.write((tx) => store.append(tx, `bench-${randomUUID()}`, events, { expectedVersion: 'no_stream', metadata }));
    }
    // What the heap holds while the file streams: collected every 2 s, so garbage not yet collected is not counted as held.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      gc();
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 2000);
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/audit/events?format=xlsx`, { headers: auth });
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    clearInterval(sampler);
    log(`${kind}: the audit log as xlsx, every one of ${AUDIT_EVENTS.toLocaleString('en-GB')} events and more: ${kb(bytes)} in ${ms(started)}, the live heap at most ${Math.round((heapPeak - heapBefore) / 1024 / 1024)} MB above where it was`);
  } finally {
    await app.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
