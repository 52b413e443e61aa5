import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Anchors } from '../../src/audit/anchors/anchors';
import { ReviewArchive } from '../../src/audit/archive/review-archive';
import { VerifyAuditLogHandler } from '../../src/audit/verify/verify.query';
import { openDataSource } from '../../src/event-store/data-source';
import { Database } from '../../src/event-store/database';
import { EventStore } from '../../src/event-store/event-store';
import { Clock } from '../../src/kernel/clock';
import { parseAppConfig } from '../../src/kernel/config';
import { officerMetadata as metadata } from '../support/officer-metadata';
import type { Log } from './run';

/** A log this long on SQLite, anchored every ANCHOR_EVERY events, one review's streams spread through it. */
const EVENTS = Number(process.env.BENCH_TRUST_EVENTS ?? 100_000);
const ANCHOR_EVERY = 1000;
const PER_TRANSACTION = 1000;
/** The review's recommendations, each with an event every so often among the others. */
const RECOMMENDATIONS = 20;
const REVIEW_SHARE = 50;

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

/** Counts the bytes written, keeps none. */
class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

/** Issue #13: verify's speed with anchors to check, and how long a review's archive package takes to build. */
export async function run(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-trust-bench-'));
  const dataSource = await openDataSource({ type: 'sqlite', path: join(dir, 'trust.sqlite') });
  try {
    const db = new Database(dataSource);
    const clock = new Clock();
    const store = new EventStore(db, clock);
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const anchors = new Anchors(db, clock, parseAppConfig({ AUDIT_SIGNING_KEY_FILE: keyFile, ANCHOR_DIR: join(dir, 'anchors') }));

    const reviewId = randomUUID();
    const recommendations = Array.from({ length: RECOMMENDATIONS }, () => randomUUID());
    await db.write(async (tx) => {
      await tx.query('INSERT INTO rm_reviews (id, reviewed_on, title, state) VALUES (?, ?, ?, ?)', [reviewId, '2012-01-01', 'Bench review', '{}']);
      for (const [i, id] of recommendations.entries()) {
        await tx.query('INSERT INTO rm_recommendations (id, review_id, code, status, responsible_unit) VALUES (?, ?, ?, ?, ?)', [id, reviewId, `R${i + 1}`, 'open', 'sfi']);
      }
    });
    const versions = new Map<string, number>();
    const started = Date.now();
    for (let written = 0; written < EVENTS; written += PER_TRANSACTION) {
      await db.write(async (tx) => {
        for (let i = written; i < Math.min(EVENTS, written + PER_TRANSACTION); i++) {
          const stream =
            i === 0 ? `review-${reviewId}` : i % REVIEW_SHARE === 0 ? `recommendation-${recommendations[i % RECOMMENDATIONS]}` : `noise-${i % 997}`;
          const version = versions.get(stream) ?? 0;
          await store.append(tx, stream, [{ type: 'ProgressReported', data: { i, note: `Framsteg ${i}: kartläggning pågår` } }], { expectedVersion: version, metadata });
          versions.set(stream, version + 1);
        }
      });
      if ((written + PER_TRANSACTION) % ANCHOR_EVERY === 0) await anchors.anchorAt(Math.min(EVENTS, written + PER_TRANSACTION));
    }
    log(`log: ${fmt(EVENTS)} events appended and anchored every ${fmt(ANCHOR_EVERY)} in ${fmt(Date.now() - started)} ms`);

    const verifier = new VerifyAuditLogHandler(db, anchors);
    const verifyStart = process.hrtime.bigint();
    const verdict = await verifier.execute();
    const verifyMs = Number(process.hrtime.bigint() - verifyStart) / 1e6;
    if (!verdict.ok) throw new Error(`the bench's log does not verify: ${JSON.stringify(verdict.problems.slice(0, 3))}`);
    log(`verify with anchors: ${fmt(verdict.checkedEvents)} events and ${fmt(verdict.anchorsChecked)} anchors in ${fmt(verifyMs)} ms = ${fmt((verdict.checkedEvents / verifyMs) * 1000)} events/s`);

    const archive = new ReviewArchive(db, anchors, clock);
    const sink = new CountingSink();
    const archiveStart = process.hrtime.bigint();
    const { title } = await archive.prepare(reviewId);
    await archive.write(reviewId, title, sink);
    const archiveMs = Number(process.hrtime.bigint() - archiveStart) / 1e6;
    const reviewEvents = 1 + Math.floor((EVENTS - 1) / REVIEW_SHARE);
    log(`review archive package: ${fmt(reviewEvents)} of the review's events among ${fmt(EVENTS)}, ${fmt(sink.bytes / 1024)} KiB zip in ${fmt(archiveMs)} ms`);
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
