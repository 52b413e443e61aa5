import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Clock } from '../kernel/clock';
import { openDataSource } from './data-source';
import { Database } from './database';
import { EventStore } from './event-store';
import { verifyChain } from './verify-chain';

const metadata = { actor: { id: 'system', email: 'system@local', name: 'System', role: 'admin' }, unit: null, reason: null, correlationId: 'c-1', causationId: null, idempotencyKey: null };

describe('verifying the hash chain page by page', () => {
  let dir: string;
  let path: string;
  let dataSource: DataSource;
  let db: Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-chain-'));
    path = join(dir, 'log.sqlite');
    dataSource = await openDataSource({ type: 'sqlite', path });
    db = new Database(dataSource);
    const store = new EventStore(db, new Clock());
    for (let stream = 0; stream < 5; stream++) {
      const events = Array.from({ length: 5 }, (_, i) => ({ type: 'ActionProgressReported', data: { progressPercent: i * 20, note: `Anteckning ${stream}.${i}` } }));
      await db.write((tx) => store.append(tx, `recommendation-${stream}`, events, { expectedVersion: 'no_stream', metadata }));
    }
  });
  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an untouched log read in pages of 3, then every event is checked and the head is the last hash', async () => {
    const result = await verifyChain(db, 3);
    const [head] = await db.query<{ hash: string }>('SELECT hash FROM events ORDER BY position DESC LIMIT 1');
    expect(result).toEqual({ ok: true, checkedEvents: 25, headHash: head.hash, firstInvalidPosition: null });
  });

  it('given a page size that divides the log exactly, then the last, empty page ends it the same way', async () => {
    expect(await verifyChain(db, 5)).toMatchObject({ ok: true, checkedEvents: 25 });
  });

  it('given an event changed behind the app in a later page, then its position is the first invalid one and the events before it were checked', async () => {
    const raw = new BetterSqlite3(path);
    raw.exec('DROP TRIGGER events_no_update');
    raw.prepare("UPDATE events SET data = replace(data, 'Anteckning', 'Ändrad') WHERE position = 17").run();
    raw.close();
    expect(await verifyChain(db, 3)).toMatchObject({ ok: false, checkedEvents: 16, firstInvalidPosition: 17 });
  });

  it('given a verify under way, then timers and I/O run between its pages instead of waiting for the whole log', async () => {
    let ranDuringVerify = false;
    const verifying = verifyChain(db, 2).then((result) => ({ result, ranDuringVerify }));
    setImmediate(() => (ranDuringVerify = true));
    await expect(verifying).resolves.toEqual({ result: expect.objectContaining({ ok: true, checkedEvents: 25 }), ranDuringVerify: true });
  });
});
