import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../kernel/actor';
import { Clock } from '../kernel/clock';
import { conflict } from '../kernel/domain-error';
import { CommandRunner, writeContext, type Aggregate } from './command-runner';
import { openDataSource } from './data-source';
import { Database } from './database';
import { EventStore, type AppendSubscriber, type StoredEvent } from './event-store';
import { saveSnapshot } from './snapshots';
import type { Sql } from './sql';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Tally {
  version: number;
  count: number;
  closed: boolean;
}
type TallyCommand = { type: 'Add' } | { type: 'Close' } | { type: 'Reopen' };

/** A stream that counts, and refuses to count while closed: enough rules to be refused by a stale state. */
const tally: Aggregate<Tally, TallyCommand> = {
  streamId: (id) => `tally-${id}`,
  evolve: (state, event) => {
    const s = state ?? { version: 0, count: 0, closed: false };
    const next = { ...s, version: s.version + 1 };
    if (event.type === 'Added') return { ...next, count: s.count + 1 };
    return { ...next, closed: event.type === 'Closed' };
  },
  decide: (command, state) => {
    if (command.type === 'Add' && state?.closed) throw conflict('The tally is closed');
    return [{ type: command.type === 'Add' ? 'Added' : command.type === 'Close' ? 'Closed' : 'Reopened', data: {} }];
  },
};

/**
 * Who added to a tally, in order: a read model that keeps the state it last wrote and folds the
 * next events onto it when the version follows, as the projector does, so its row shows whether
 * it was folded onto the right state.
 */
class Adders implements AppendSubscriber {
  private readonly written = new Map<string, { version: number; by: string[] }>();
  /** Appends it was told of and then told were rolled back: on PostgreSQL, a write refused at its end and run again. */
  rolledBackAppends = 0;

  async onAppended(tx: Sql, events: StoredEvent[]): Promise<void> {
    for (const e of events) {
      const kept = this.written.get(e.streamId);
      const [row] = kept?.version === e.version - 1 ? [] : await tx.query<{ state: string }>('SELECT state FROM test_adders WHERE id = ?', [e.streamId]);
      const before = row ? JSON.parse(row.state) : (kept ?? { version: 0, by: [] });
      const after = { version: e.version, by: [...before.by, e.metadata.actor.email] };
      await tx.query('INSERT INTO test_adders (id, state) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state', [e.streamId, JSON.stringify(after)]);
      this.written.set(e.streamId, after);
    }
  }

  rolledBack(events: StoredEvent[]): void {
    this.rolledBackAppends++;
    for (const e of events) this.written.delete(e.streamId);
  }
}

/**
 * Two processes on one database, each with its own runner and its cache of the
 * states it committed: a state one of them cached goes stale when the other writes.
 */
describe.each(['sqlite', 'postgres'] as const)('the write path decides on the states it cached, on %s', (kind) => {
  let sources: DataSource[];
  let one: CommandRunner;
  let two: CommandRunner;
  let adders: Adders[];
  let stores: EventStore[];
  let dbs: Database[];
  let cleanup: () => Promise<void>;
  const ctx = (ifMatch: number | null = null) => writeContext(SYSTEM_ACTOR, { ifMatch, correlationId: 'c-1' });

  beforeAll(async () => {
    if (kind === 'postgres') {
      const name = `uppf_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const admin = async (sql: string) => {
        const client = new Client({ connectionString: ADMIN_URL });
        await client.connect();
        await client.query(sql).finally(() => client.end());
      };
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      sources = [];
      for (let i = 0; i < 2; i++) sources.push(await openDataSource({ type: 'postgres', url: url.toString() }));
      cleanup = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'uppfoljning-runner-'));
      sources = [];
      for (let i = 0; i < 2; i++) sources.push(await openDataSource({ type: 'sqlite', path: join(dir, 'tracker.sqlite') }));
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    await sources[0].query('CREATE TABLE test_adders (id TEXT PRIMARY KEY, state TEXT NOT NULL)');
    dbs = sources.map((source) => new Database(source));
    stores = dbs.map((db) => new EventStore(db, new Clock()));
    adders = stores.map((store) => {
      const kept = new Adders();
      store.subscribe(kept, 'read-models');
      return kept;
    });
    [one, two] = stores.map((store, i) => new CommandRunner(dbs[i], store));
  });
  afterAll(async () => {
    await Promise.all((sources ?? []).map((s) => s.destroy()));
    await cleanup?.();
  });

  it('given the other process wrote since, a write lands on top of its events, and If-Match takes the version the stream is at', async () => {
    await one.run(tally, 'a', { type: 'Add' }, ctx());
    await two.run(tally, 'a', { type: 'Add' }, ctx());
    const third = await one.run(tally, 'a', { type: 'Add' }, ctx());
    expect({ version: third.version, count: third.state.count }).toEqual({ version: 3, count: 3 });
    await two.run(tally, 'a', { type: 'Add' }, ctx());
    const fifth = await one.run(tally, 'a', { type: 'Add' }, ctx(4));
    expect({ version: fifth.version, count: fifth.state.count, events: fifth.newEvents.map((e) => e.version) }).toEqual({ version: 5, count: 5, events: [5] });
    await expect(one.run(tally, 'a', { type: 'Add' }, ctx(4))).rejects.toMatchObject({ kind: 'precondition_failed' });
  });

  it('given the other process wrote since, the read model this process keeps is folded onto that write, not onto its own stale state', async () => {
    const as = (email: string) => writeContext({ ...SYSTEM_ACTOR, email }, { correlationId: 'c-1' });
    await one.run(tally, 'c', { type: 'Add' }, as('one@x'));
    await two.run(tally, 'c', { type: 'Add' }, as('two@x'));
    await one.run(tally, 'c', { type: 'Add' }, as('one@x'));
    const [row] = await sources[0].query("SELECT state FROM test_adders WHERE id = 'tally-c'");
    expect(JSON.parse(row.state)).toEqual({ version: 3, by: ['one@x', 'two@x', 'one@x'] });
  });

  it('given the other process wrote to a stream since, this process decides its next write to it on that write at once, not refused and run again', async () => {
    await one.run(tally, 'd', { type: 'Add' }, ctx());
    await two.run(tally, 'd', { type: 'Add' }, ctx());
    const rolledBackBefore = adders[0].rolledBackAppends;
    const third = await one.run(tally, 'd', { type: 'Add' }, ctx());
    expect({ version: third.version, count: third.state.count, rolledBack: adders[0].rolledBackAppends - rolledBackBefore }).toEqual({ version: 3, count: 3, rolledBack: 0 });
  });

  it('given the other process wrote to a stream since, this process folds that write onto the state it cached, not the stream again from its snapshot', async () => {
    const snapshotted: Aggregate<Tally, TallyCommand> = { ...tally, streamId: (id) => `snapshotted-${id}`, snapshots: { schemaVersion: 1, every: 1000 } };
    await one.run(snapshotted, 'f', { type: 'Add' }, ctx());
    const second = await two.run(snapshotted, 'f', { type: 'Add' }, ctx());
    // A snapshot at the other's write that no fold gives: a write that read it would count from 500.
    const at = second.newEvents[0];
    await dbs[1].write((tx) => saveSnapshot(tx, 'snapshotted-f', snapshotted.snapshots!, { state: { version: 2, count: 500, closed: false }, version: 2, position: at.position }, at.occurredAt));
    const third = await one.run(snapshotted, 'f', { type: 'Add' }, ctx());
    expect({ version: third.version, count: third.state.count }).toEqual({ version: 3, count: 3 });
  });

  it('given the other process appended more events than are listed, this process forgets what it cached and still decides at once', async () => {
    await one.run(tally, 'e', { type: 'Add' }, ctx());
    const many = Array.from({ length: 1001 }, () => ({ type: 'Added', data: {} }));
    await dbs[1].write((tx) => stores[1].append(tx, 'tally-e', many, { expectedVersion: 1, metadata: two.metadata(ctx(), null) }));
    const rolledBackBefore = adders[0].rolledBackAppends;
    const next = await one.run(tally, 'e', { type: 'Add' }, ctx());
    expect({ version: next.version, count: next.state.count, rolledBack: adders[0].rolledBackAppends - rolledBackBefore }).toEqual({ version: 1003, count: 1003, rolledBack: 0 });
  });

  it('writes to one stream committed together each decide on the one before them, the stream read once, none refused', async () => {
    const reads = jest.spyOn(stores[0], 'readStream');
    const rolledBackBefore = adders[0].rolledBackAppends;
    const written = await Promise.all(Array.from({ length: 10 }, () => one.run(tally, 'g', { type: 'Add' }, ctx())));
    expect(written.map((w) => w.state.count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect({ reads: reads.mock.calls.length, rolledBack: adders[0].rolledBackAppends - rolledBackBefore }).toEqual({ reads: 1, rolledBack: 0 });
    reads.mockRestore();
  });

  it('given the other process reopened what this one cached as closed, the write goes through; refused while truly closed', async () => {
    await one.run(tally, 'b', { type: 'Close' }, ctx());
    await expect(one.run(tally, 'b', { type: 'Add' }, ctx())).rejects.toMatchObject({ kind: 'conflict' });
    await two.run(tally, 'b', { type: 'Reopen' }, ctx());
    const added = await one.run(tally, 'b', { type: 'Add' }, ctx());
    expect({ version: added.version, count: added.state.count, closed: added.state.closed }).toEqual({ version: 3, count: 1, closed: false });
  });
});
