import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { Clock } from '../kernel/clock';
import { openDataSource } from './data-source';
import { Database } from './database';
import { GENESIS_HASH, chainHash } from './event-hash';
import { ConcurrencyError, EventStore, type StoredEvent } from './event-store';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SYSTEM = { id: 'system', email: 'system@local', name: 'System', role: 'admin' };
const metadata = { actor: SYSTEM, unit: null, reason: null, correlationId: 'c-1', causationId: null, idempotencyKey: null };

async function admin<T>(fn: (c: Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Two app processes on one PostgreSQL database, as two data sources in this one: each its
 * own pool, Database (with its group commit) and EventStore (with the head it expects).
 */
describe('PostgreSQL writes: committed together, appended in one statement, two processes on one log', () => {
  const name = `uppf_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  let url: string;
  let sources: DataSource[];
  let one: { db: Database; store: EventStore };
  let two: { db: Database; store: EventStore };
  let observer: Client;

  /** What another connection sees: only committed work. */
  const committed = async (sql: string) => (await observer.query(sql)).rows;
  const note = (db: Database, text: string) => db.write((tx) => tx.query('INSERT INTO notes (text) VALUES (?)', [text]));
  const committedNotes = async () => (await committed('SELECT text FROM notes ORDER BY text')).map((r: { text: string }) => r.text);
  const append = (p: { db: Database; store: EventStore }, streamId: string, expectedVersion: number | 'no_stream', type = 'Noted') =>
    p.db.write((tx) => p.store.append(tx, streamId, [{ type, data: { streamId } }], { expectedVersion, metadata }));

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    sources = await Promise.all([openDataSource({ type: 'postgres', url }), openDataSource({ type: 'postgres', url })]);
    [one, two] = sources.map((source) => {
      const db = new Database(source);
      return { db, store: new EventStore(db, new Clock()) };
    });
    // Pipelined, as the app's pool is: the first test asks it many things at once.
    observer = new Client({ connectionString: url, pipeline: true });
    await observer.connect();
    await observer.query('CREATE TABLE notes (text TEXT PRIMARY KEY)');
  });
  afterAll(async () => {
    await observer?.end();
    await Promise.all((sources ?? []).map((s) => s.destroy()));
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('given 40 concurrent writes, each is answered only once committed, and all of them are', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `concurrent ${String(i).padStart(2, '0')}`);
    // Asked on the observer's one connection as each write is answered.
    const seenAtAnswer = await Promise.all(texts.map(async (text) => (await note(one.db, text), (await committedNotes()).includes(text))));
    expect(seenAtAnswer).toEqual(texts.map(() => true));
    expect((await committedNotes()).filter((t) => t.startsWith('concurrent'))).toEqual(texts);
  });

  it('given a batch where one write is refused and one fails in SQL, those two roll back alone and the others commit', async () => {
    const results = await Promise.allSettled([
      note(one.db, 'batch a'),
      one.db.write(async (tx) => {
        await tx.query('INSERT INTO notes (text) VALUES (?)', ['batch refused']);
        throw new Error('refused by the rules');
      }),
      note(one.db, 'batch a'),
      note(one.db, 'batch b'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain('refused by the rules');
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect((await committedNotes()).filter((t) => t.startsWith('batch'))).toEqual(['batch a', 'batch b']);
  });

  it('given writes sent without waiting for their answer, a read after them sees them, and a failure among them fails only its own write', async () => {
    const results = await Promise.allSettled([
      one.db.write(async (tx) => {
        await tx.query('INSERT INTO notes (text) VALUES (?)', ['unawaited a']);
        await tx.query('UPDATE notes SET text = ? WHERE text = ?', ['unawaited b', 'unawaited a']);
        return (await tx.query<{ text: string }>("SELECT text FROM notes WHERE text LIKE 'unawaited%'")).map((r) => r.text);
      }),
      one.db.write(async (tx) => {
        await tx.query('INSERT INTO notes (text) VALUES (?)', ['unawaited c']);
        // Fails in the database after the task has gone on: the task fails with it all the same.
        await tx.query('INSERT INTO notes (text) VALUES (?)', ['unawaited c']);
        return 'not reached by the answer';
      }),
      note(one.db, 'unawaited d'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<string[]>).value).toEqual(['unawaited b']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect((await committedNotes()).filter((t) => t.startsWith('unawaited'))).toEqual(['unawaited b', 'unawaited d']);
  });

  it('given a write that fails in the database and then reads several things at once, it fails with that first failure, not with the reads\' "transaction is aborted"', async () => {
    for (let round = 0; round < 20; round++) {
      const failed = one.db.write(async (tx) => {
        await tx.query('INSERT INTO notes (text) VALUES (?)', ['first failure']);
        // Refused by the database after the task has gone on (as an append refused at a head this process guessed wrong).
        await tx.query('INSERT INTO notes (text) VALUES (?)', ['first failure']);
        // What the web's write then reads for its answer, all at once (readStates): each would say the transaction is aborted.
        await Promise.all([1, 2, 3, 4].map((n) => tx.query('SELECT ? AS n', [n])));
        return 'not reached';
      });
      await expect(failed).rejects.toThrow(/duplicate key/);
    }
    expect((await committedNotes()).filter((t) => t === 'first failure')).toEqual([]);
  });

  it('given a write that may be redone and asks for it once its work is rolled back, it runs once more from its start, alone or in a batch', async () => {
    const redone = (second: string) => {
      let runs = 0;
      return one.db.write(
        async (tx) => {
          runs++;
          await tx.query('INSERT INTO notes (text) VALUES (?)', [`${second} run ${runs}`]);
          tx.whenRolledBack?.((error) => ({ error, redo: true }));
          // The first run fails in the database, answered only at the write's end; the second is not asked to redo.
          await tx.query('INSERT INTO notes (text) VALUES (?)', [runs === 1 ? 'redo a' : second]);
          return runs;
        },
        { redo: true },
      );
    };
    await note(one.db, 'redo a');
    expect(await redone('redo b')).toBe(2);
    expect(await Promise.all([note(one.db, 'redo c'), redone('redo d'), note(one.db, 'redo e')])).toEqual([[], 2, []]);
    expect((await committedNotes()).filter((t) => t.startsWith('redo'))).toEqual(['redo a', 'redo b', 'redo b run 2', 'redo c', 'redo d', 'redo d run 2', 'redo e']);
  });

  it('given a batch of writes that may be run again, they are sent all at once: each runs once and all commit', async () => {
    const runs = new Map<string, number>();
    const write = (text: string) =>
      one.db.write(
        async (tx) => {
          runs.set(text, (runs.get(text) ?? 0) + 1);
          await tx.query('INSERT INTO notes (text) VALUES (?)', [text]);
          return text;
        },
        { redo: true },
      );
    const texts = Array.from({ length: 20 }, (_, i) => `at once ${String(i).padStart(2, '0')}`);
    expect(await Promise.all(texts.map(write))).toEqual(texts);
    expect([...runs.values()]).toEqual(texts.map(() => 1));
    expect((await committedNotes()).filter((t) => t.startsWith('at once'))).toEqual(texts);
  });

  it('given writes sent all at once where one fails in SQL and one in its own code, the others commit and each failure fails only its own write', async () => {
    const write = (text: string, fails?: 'in SQL' | 'in its code') =>
      one.db.write(
        async (tx) => {
          await tx.query('INSERT INTO notes (text) VALUES (?)', [fails === 'in SQL' ? 'all at once a' : text]);
          if (fails === 'in its code') throw new Error('refused by the rules');
          return text;
        },
        { redo: true },
      );
    await note(one.db, 'all at once a');
    const results = await Promise.allSettled([write('all at once b'), write('all at once c', 'in SQL'), write('all at once d', 'in its code'), write('all at once e')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/refused by the rules/);
    expect((await committedNotes()).filter((t) => t.startsWith('all at once'))).toEqual(['all at once a', 'all at once b', 'all at once e']);
  });

  it('given the connection of a batch is killed, its writes fail with that error and the next write goes through', async () => {
    const killer = one.db.write(async (tx) => {
      const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await tx.query('INSERT INTO notes (text) VALUES (?)', ['killed a']);
      await observer.query('SELECT pg_terminate_backend($1)', [pid]);
      await tx.query('INSERT INTO notes (text) VALUES (?)', ['killed b']);
    });
    const alongside = note(one.db, 'killed c');
    const results = await Promise.allSettled([killer, alongside]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await note(one.db, 'after the kill');
    expect((await committedNotes()).filter((t) => t.startsWith('killed') || t.startsWith('after'))).toEqual(['after the kill']);
  });

  it('given two processes appending in turns and together, every append lands and the chain and positions stay whole', async () => {
    let versions = { a: 0, b: 0 };
    const next = (stream: 'a' | 'b') => (versions[stream] === 0 ? 'no_stream' : versions[stream]);
    // In turns: each process's expected head is wrong every time, since the other appended last.
    for (let i = 0; i < 6; i++) {
      const p = i % 2 ? two : one;
      await append(p, 'stream-a', next('a'));
      versions = { ...versions, a: versions.a + 1 };
    }
    // Together, on different streams: batches of both processes interleave under the lock.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => append(i % 2 ? two : one, `stream-${i}`, 'no_stream')),
    );
    const rows = await committed('SELECT * FROM events ORDER BY position');
    expect(rows.map((r: { position: string }) => Number(r.position))).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    let prevHash = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prev_hash).toBe(prevHash);
      const hash = chainHash(prevHash, {
        position: Number(r.position),
        streamId: r.stream_id,
        version: r.stream_version,
        type: r.type,
        schemaVersion: r.schema_version,
        data: r.data,
        metadata: r.metadata,
        occurredAt: r.occurred_at,
        recordedAt: r.recorded_at,
      });
      expect(r.hash).toBe(hash);
      prevHash = hash;
    }
  });

  it('given appends sent without waiting, by two processes in turns, each lands on the other\'s (the head is learnt under the lock); a version still wrong is refused at the write\'s end, a ConcurrencyError', async () => {
    const sent = (p: { db: Database; store: EventStore }, streamId: string, expectedVersion: number | 'no_stream') =>
      p.db.write((tx) => p.store.append(tx, streamId, [{ type: 'Noted', data: { streamId } }], { expectedVersion, metadata }), { redo: true });
    const before = Number((await committed('SELECT MAX(position) AS p FROM events'))[0].p);
    for (let i = 0; i < 4; i++) await sent(i % 2 ? two : one, 'stream-sent', i === 0 ? 'no_stream' : i);
    await Promise.all(Array.from({ length: 10 }, (_, i) => sent(i % 2 ? two : one, `stream-sent-${i}`, 'no_stream')));
    await expect(sent(one, 'stream-sent', 2)).rejects.toEqual(new ConcurrencyError('stream-sent', 2, 4));
    const rows = await committed(`SELECT position, prev_hash, hash FROM events WHERE position > ${before - 1} ORDER BY position`);
    expect(rows.map((r: { position: string }) => Number(r.position))).toEqual(Array.from({ length: 15 }, (_, i) => before + i));
    rows.slice(1).forEach((r: { prev_hash: string }, i: number) => expect(r.prev_hash).toBe(rows[i].hash));
  });

  it('given a stale expected version, the append is refused with the version the stream is at, whichever process expected the head', async () => {
    const stored: StoredEvent[] = await append(one, 'stream-c', 'no_stream');
    expect(stored.map((e) => e.version)).toEqual([1]);
    await append(one, 'stream-c', 1);
    // This process expects the right head (it appended last), the stream is not where the caller says.
    await expect(append(one, 'stream-c', 1)).rejects.toEqual(new ConcurrencyError('stream-c', 1, 2));
    await expect(append(one, 'stream-c', 'no_stream')).rejects.toEqual(new ConcurrencyError('stream-c', 'no_stream', 2));
    // The other process's expected head is stale as well.
    await expect(append(two, 'stream-c', 1)).rejects.toEqual(new ConcurrencyError('stream-c', 1, 2));
    const [{ n }] = await committed("SELECT COUNT(*) AS n FROM events WHERE stream_id = 'stream-c'");
    expect(Number(n)).toBe(2);
  });

  it('given an append rolled back in a batch, the next write of the batch, sent at the head it guessed, is refused and done again on the committed head', async () => {
    const [failed, done] = await Promise.allSettled([
      one.db.write(async (tx) => {
        await one.store.append(tx, 'stream-e', [{ type: 'Noted', data: {} }], { expectedVersion: 'no_stream', metadata });
        throw new Error('refused after the append');
      }),
      one.db.write((tx) => one.store.append(tx, 'stream-f', [{ type: 'Noted', data: {} }], { expectedVersion: 'no_stream', metadata }), { redo: true }),
    ]);
    expect(failed.status).toBe('rejected');
    const [event] = (done as PromiseFulfilledResult<StoredEvent[]>).value;
    const [head, before] = await committed('SELECT position, stream_id, hash FROM events ORDER BY position DESC LIMIT 2');
    expect({ position: event.position, streamId: event.streamId, hash: event.hash, prevHash: event.prevHash }).toEqual({
      position: Number(head.position),
      streamId: head.stream_id,
      hash: head.hash,
      prevHash: before.hash,
    });
    expect(await committed("SELECT stream_id FROM events WHERE stream_id = 'stream-e'")).toEqual([]);
  });

  it('given an append in a write that then fails, the next append chains on the committed head', async () => {
    await expect(
      one.db.write(async (tx) => {
        await one.store.append(tx, 'stream-d', [{ type: 'Noted', data: {} }], { expectedVersion: 'no_stream', metadata });
        throw new Error('refused after the append');
      }),
    ).rejects.toThrow('refused after the append');
    const [event] = await append(one, 'stream-d', 'no_stream');
    const [head, before] = await committed('SELECT position, hash FROM events ORDER BY position DESC LIMIT 2');
    expect({ position: event.position, hash: event.hash, prevHash: event.prevHash }).toEqual({ position: Number(head.position), hash: head.hash, prevHash: before.hash });
  });

  it('a read sent at once answers its statements, refuses one made after its first wait, and leaves no transaction open', async () => {
    const openTransactions = async () =>
      Number((await committed(`SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = '${name}' AND state LIKE 'idle in transaction%'`))[0].n);
    await expect(one.db.read((sql) => Promise.all([sql.query('SELECT 1 AS a'), sql.query('SELECT 2 AS b')]), { sentAtOnce: true })).resolves.toEqual([[{ a: 1 }], [{ b: 2 }]]);
    await expect(
      one.db.read(
        async (sql) => {
          await sql.query('SELECT 1 AS a');
          return sql.query('SELECT 2 AS b');
        },
        { sentAtOnce: true },
      ),
    ).rejects.toThrow('A read sent at once made a statement after its first wait: SELECT 2 AS b');
    await expect(one.db.read((sql) => Promise.all([sql.query('SELECT no_such_column FROM notes'), sql.query('SELECT 1 AS a')]), { sentAtOnce: true })).rejects.toThrow(
      'no_such_column',
    );
    expect(await openTransactions()).toBe(0);
    // The pool's connections are still good for reads and writes.
    await note(one.db, 'after the reads');
    await expect(one.db.read((sql) => sql.query("SELECT text FROM notes WHERE text = 'after the reads'"), { sentAtOnce: true })).resolves.toEqual([{ text: 'after the reads' }]);
  });
});
