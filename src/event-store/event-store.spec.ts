import { Clock } from '../kernel/clock';
import type { Database } from './database';
import { ConcurrencyError, EventStore, type AppendPhase, type StoredEvent } from './event-store';
import type { RollbackListener, Sql } from './sql';

const SYSTEM = { id: 'system', email: 'system@local', name: 'System', role: 'admin' };
const metadata = { actor: SYSTEM, unit: null, reason: null, correlationId: 'c-1', causationId: null, idempotencyKey: null };

/** An empty log: every read answers no rows, every insert is accepted. */
const emptyLog: Sql = { dialect: 'sqlite', query: async () => [] };

describe('subscribers of an append', () => {
  it('given a reaction subscribed before a read model, when events are appended, then the read model runs first and both see the same stored events', async () => {
    const store = new EventStore({} as Database, new Clock());
    const calls: Array<{ phase: AppendPhase; name: string; events: StoredEvent[] }> = [];
    const subscriber = (phase: AppendPhase, name: string) => ({
      onAppended: async (_tx: Sql, events: StoredEvent[]) => {
        calls.push({ phase, name, events });
      },
    });
    store.subscribe(subscriber('reactions', 'planner'), 'reactions');
    store.subscribe(subscriber('read-models', 'first read model'), 'read-models');
    store.subscribe(subscriber('read-models', 'second read model'), 'read-models');

    const stored = await store.append(emptyLog, 'review-1', [{ type: 'ReviewRegistered', data: { title: 'MIXITIES' } }], {
      expectedVersion: 'no_stream',
      metadata,
    });

    expect(calls.map((c) => c.name)).toEqual(['first read model', 'second read model', 'planner']);
    for (const call of calls) expect(call.events).toBe(stored);
    expect(stored).toMatchObject([{ position: 1, streamId: 'review-1', version: 1, type: 'ReviewRegistered' }]);
  });

  it('given a refused append, then no subscriber runs', async () => {
    const store = new EventStore({} as Database, new Clock());
    const onAppended = jest.fn();
    store.subscribe({ onAppended }, 'read-models');
    // A log of one event, of this stream: its head and the stream's version, as the append reads them.
    const oneEventLog: Sql = { dialect: 'sqlite', query: async <T>() => [{ position: 1, hash: 'a'.repeat(64), version: 1 }] as T[] };

    await expect(
      store.append(oneEventLog, 'review-1', [{ type: 'ReviewRegistered', data: {} }], { expectedVersion: 'no_stream', metadata }),
    ).rejects.toThrow('expected no stream');
    expect(onAppended).not.toHaveBeenCalled();
  });

  it('given an append sent without waiting that PostgreSQL then refuses, then the subscribers forget its events, the write is to be run again, and the next append chains on the head the refusal named', async () => {
    const store = new EventStore({} as Database, new Clock());
    const rolledBack = jest.fn();
    store.subscribe({ onAppended: async () => undefined, rolledBack }, 'read-models');
    const listeners: RollbackListener[] = [];
    const pipelined: Sql = { dialect: 'postgres', query: async () => [], whenRolledBack: (listener) => listeners.push(listener) };
    const append = (expectedVersion: number | 'no_stream') =>
      store.append(pipelined, 'review-1', [{ type: 'ReviewRegistered', data: {} }], { expectedVersion, metadata });
    const head = 'a'.repeat(64);
    const refused = (first: StoredEvent, version: number) => new Error(`invalid input syntax for type integer: "append refused ${first.hash} ${version} 7 ${head}"`);

    const [first] = await append('no_stream');
    expect(listeners.pop()!(refused(first, 0))).toEqual({ error: new Error('The event log moved while this transaction held the append lock'), redo: true });
    expect(rolledBack).toHaveBeenCalledWith([first]);
    const [second] = await append('no_stream');
    expect(second).toMatchObject({ position: 8, version: 1, prevHash: head });
    expect(listeners.pop()!(refused(second, 3))).toEqual({ error: new ConcurrencyError('review-1', 'no_stream', 3), redo: true });
    // Another failure of the write: its append is undone, and the error stands.
    const [third] = await append(3);
    const failure = new Error('duplicate key');
    expect(listeners.pop()!(failure)).toEqual({ error: failure, redo: false });
    expect((await append(3))[0]).toMatchObject({ position: third.position, prevHash: third.prevHash });
  });
});
