import { Database } from '../src/event-store/database';
import { EventStore, type EventMetadata } from '../src/event-store/event-store';
import { WebClient } from './support/web-client';
import { api, bearer, type DemoApp, startDemoApp, stopDemoApp } from './support/test-app';

/** More than the 10,000 events one answer of the API can hold, so a file cut at a page shows. */
const APPENDED = 10_100;
const PER_STREAM = 100;

const metadata: EventMetadata = {
  actor: { id: 'import', email: 'import@demo.local', name: 'Import', role: 'admin' },
  unit: null,
  reason: null,
  correlationId: 'audit-files',
  causationId: null,
  idempotencyKey: null,
};

/** The positions a CSV of the audit log holds: its first column, one line an event (the data cell is JSON on one line). */
const positionsOf = (csv: string): number[] =>
  csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => Number(line.split(';')[0]));

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('the audit log as a file holds every event the filter picks, unless a page is asked for', () => {
  let demo: DemoApp;
  let total: number;

  beforeAll(async () => {
    demo = await startDemoApp();
    const store = demo.app.get(EventStore);
    await demo.app.get(Database).write(async (tx) => {
      for (let stream = 0; stream < APPENDED / PER_STREAM; stream++) {
        const events = Array.from({ length: PER_STREAM }, (_, i) => ({ type: 'BulkNoted', data: { n: stream * PER_STREAM + i } }));
        await store.append(tx, `bulk-${stream}`, events, { expectedVersion: 'no_stream', metadata });
      }
    });
    total = (await demo.app.get(Database).query<{ n: number | string }>('SELECT COUNT(*) AS n FROM events')).map((r) => Number(r.n))[0];
  }, 120_000);
  afterAll(() => stopDemoApp(demo));

  it('given a log of more than 10,000 events, when the auditor downloads the CSV from /logg, then it holds all of them in order', async () => {
    expect(total).toBeGreaterThan(APPENDED);
    const auditor = await WebClient.signIn(demo.app, 'revisor@demo.local');
    const file = await auditor.get('/logg/export?format=csv');
    expect(file.status).toBe(200);
    expect(positionsOf(file.html)).toEqual(oneToN(total));
  });

  it('given the same log, when a client asks the API for format=csv without a limit, then the file holds every event and names no next page', async () => {
    const res = await api(demo.app).get('/api/v1/audit/events?format=csv').set(bearer(demo.t.auditor)).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="audit-events.csv"');
    expect(res.headers['x-next-after']).toBeUndefined();
    expect(positionsOf(res.text)).toEqual(oneToN(total));
  });

  it('given a filter, then the file holds every event it picks, across the log', async () => {
    const res = await api(demo.app).get('/api/v1/audit/events?format=csv&type=BulkNoted').set(bearer(demo.t.auditor)).expect(200);
    const positions = positionsOf(res.text);
    expect(positions).toHaveLength(APPENDED);
    expect(positions[APPENDED - 1]).toBe(total);
  });

  it('given a limit, then the CSV is that page and says where the next one starts, as before', async () => {
    const res = await api(demo.app).get('/api/v1/audit/events?format=csv&limit=5&after=10').set(bearer(demo.t.auditor)).expect(200);
    expect(positionsOf(res.text)).toEqual([11, 12, 13, 14, 15]);
    expect(res.headers['x-next-after']).toBe('15');
  });

  it('given no limit, then JSON is still paged: 100 events and the position the next page starts after', async () => {
    const res = await api(demo.app).get('/api/v1/audit/events').set(bearer(demo.t.auditor)).expect(200);
    expect(res.body).toHaveLength(100);
    expect(res.headers['x-next-after']).toBe('100');
  });
});
