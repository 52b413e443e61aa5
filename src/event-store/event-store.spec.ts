import { Clock } from '../kernel/clock';
import type { Database } from './database';
import { EventStore, type AppendPhase, type StoredEvent } from './event-store';
import type { Sql } from './sql';

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
    const oneEventLog: Sql = { dialect: 'sqlite', query: async <T>() => [{ v: 1 }] as T[] };

    await expect(
      store.append(oneEventLog, 'review-1', [{ type: 'ReviewRegistered', data: {} }], { expectedVersion: 'no_stream', metadata }),
    ).rejects.toThrow('expected no stream');
    expect(onAppended).not.toHaveBeenCalled();
  });
});
