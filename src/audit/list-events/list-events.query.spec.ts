import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../event-store/data-source';
import { Database } from '../../event-store/database';
import { EventStore, type EventMetadata } from '../../event-store/event-store';
import { Clock } from '../../kernel/clock';
import { allEntries, AUDIT_READ_PAGE, AUDIT_SCAN_WINDOW, AuditEventsHandler, AuditEventsQuery } from './list-events.query';

const as = (email: string): EventMetadata => ({ actor: { id: `id-${email}`, email, name: email, role: 'officer' }, unit: null, reason: null, correlationId: 'c-1', causationId: null, idempotencyKey: null });
const OFFICER = 'handlaggare.sfi@demo.local';
const HEAD = 'chef.sfi@demo.local';
/** More than one scan window, so answers are read across windows and in many pages. */
const EVENTS = AUDIT_SCAN_WINDOW + 2 * AUDIT_READ_PAGE + 10;
/** The unit head's events, far apart: a filter few events match, spread over the windows. */
const BY_HEAD = [3, 4_000, AUDIT_SCAN_WINDOW + 5, EVENTS];

describe('the audit log read page by page', () => {
  let dir: string;
  let dataSource: DataSource;
  let db: Database;
  let store: EventStore;
  let handler: AuditEventsHandler;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-pages-'));
    dataSource = await openDataSource({ type: 'sqlite', path: join(dir, 'log.sqlite') });
    db = new Database(dataSource);
    store = new EventStore(db, new Clock());
    await db.write(async (tx) => {
      for (let position = 1; position <= EVENTS; position++) {
        const metadata = as(BY_HEAD.includes(position) ? HEAD : OFFICER);
        await store.append(tx, `recommendation-${position}`, [{ type: 'ActionProgressReported', data: { n: position } }], { expectedVersion: 'no_stream', metadata });
      }
    });
    handler = new AuditEventsHandler(db, store);
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the largest answer, then it holds 10,000 events in order, in pages of at most 500, and says where the next one starts', async () => {
    const answer = await handler.execute(new AuditEventsQuery({ limit: 10_000 }));
    expect(answer.nextAfter).toBe(10_000);
    const sizes: number[] = [];
    const positions: number[] = [];
    for await (const page of answer.pages) {
      sizes.push(page.length);
      positions.push(...page.map((e) => e.position));
    }
    expect(positions).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(AUDIT_READ_PAGE);
  });

  it('given the next answer after X-Next-After, then it goes on from there to the end and says no more follow', async () => {
    const answer = await handler.execute(new AuditEventsQuery({ limit: 10_000, after: 10_000 }));
    expect(answer.nextAfter).toBeNull();
    expect((await allEntries(answer)).map((e) => e.position)).toEqual(Array.from({ length: EVENTS - 10_000 }, (_, i) => 10_001 + i));
  });

  it('given a filter few events match, spread over several windows, then each is found and only they', async () => {
    const all = await allEntries(await handler.execute(new AuditEventsQuery({ actor: HEAD, limit: 100 })));
    expect(all.map((e) => [e.position, e.actor.email])).toEqual(BY_HEAD.map((p) => [p, HEAD]));
    const firstTwo = await handler.execute(new AuditEventsQuery({ actor: HEAD, limit: 2 }));
    expect(firstTwo.nextAfter).toBe(4_000);
    expect((await allEntries(firstTwo)).map((e) => e.position)).toEqual([3, 4_000]);
    const rest = await allEntries(await handler.execute(new AuditEventsQuery({ actor: HEAD, limit: 2, after: 4_000 })));
    expect(rest.map((e) => e.position)).toEqual([AUDIT_SCAN_WINDOW + 5, EVENTS]);
  });

  it('given events appended while an answer is read, then the answer holds what the log held when it was asked', async () => {
    const answer = await handler.execute(new AuditEventsQuery({ after: EVENTS - 3, limit: 100 }));
    await db.write((tx) => store.append(tx, 'recommendation-late', [{ type: 'ActionProgressReported', data: {} }], { expectedVersion: 'no_stream', metadata: as(OFFICER) }));
    expect((await allEntries(answer)).map((e) => e.position)).toEqual([EVENTS - 2, EVENTS - 1, EVENTS]);
  });
});
