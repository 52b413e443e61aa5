import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from './sql';
import { GroupCommitQueue } from './group-commit';

describe('group commit on a real SQLite file', () => {
  let dir: string;
  let db: BetterSqlite3.Database;
  let sql: Sql;
  let statements: string[];
  /** Statements (by their first words) that fail the next time they are run, as a full disk or an I/O error would. */
  let failNext: string[];
  let drains: Array<Promise<void>>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    db = new BetterSqlite3(join(dir, 'test.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
    statements = [];
    failNext = [];
    sql = {
      dialect: 'sqlite',
      query: async <T>(q: string, params: unknown[] = []) => {
        statements.push(q.split(' ')[0]);
        const failing = failNext.findIndex((f) => q.startsWith(f));
        if (failing >= 0) {
          failNext.splice(failing, 1);
          throw new Error(`disk I/O error during ${q}`);
        }
        const stmt = db.prepare(q);
        return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
      },
    };
    // Every run of the queue's loop, to prove that none of them ever rejects.
    const original = (GroupCommitQueue.prototype as unknown as { drain: () => Promise<void> }).drain;
    drains = [];
    jest.spyOn(GroupCommitQueue.prototype as unknown as { drain: () => Promise<void> }, 'drain').mockImplementation(function (this: GroupCommitQueue) {
      const p = original.call(this);
      drains.push(p);
      return p;
    });
  });
  afterEach(async () => {
    await expect(Promise.all(drains)).resolves.toBeDefined();
    jest.restoreAllMocks();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const notes = () => (db.prepare('SELECT text FROM notes ORDER BY id').all() as Array<{ text: string }>).map((r) => r.text);
  /** What another connection sees: only committed work. */
  const committedNotes = () => {
    const other = new BetterSqlite3(join(dir, 'test.sqlite'), { readonly: true });
    try {
      return (other.prepare('SELECT text FROM notes ORDER BY id').all() as Array<{ text: string }>).map((r) => r.text);
    } finally {
      other.close();
    }
  };
  const insert = (queue: GroupCommitQueue, text: string) => queue.write((tx) => tx.query('INSERT INTO notes (text) VALUES (?)', [text]));

  it('commits writers that queued up together, once, and a refused one rolls back alone', async () => {
    const queue = new GroupCommitQueue(sql);
    const results = await Promise.allSettled([insert(queue, 'a'), insert(queue, 'b'), insert(queue, 'a'), insert(queue, 'c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT text FROM notes ORDER BY id').all()).toEqual([{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
    expect(statements.filter((s) => s === 'COMMIT').length).toBeLessThan(4);
  });

  it('answers a write only after its commit', async () => {
    const queue = new GroupCommitQueue(sql);
    await queue.write((tx) => tx.query('INSERT INTO notes (text) VALUES (?)', ['x']));
    const other = new BetterSqlite3(join(dir, 'test.sqlite'), { readonly: true });
    expect(other.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 1 });
    other.close();
  });

  it('a lone write that fails leaves nothing behind', async () => {
    const queue = new GroupCommitQueue(sql);
    await expect(
      queue.write(async (tx) => {
        await tx.query('INSERT INTO notes (text) VALUES (?)', ['half']);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 0 });
  });

  it('reads wait their turn and see only committed work', async () => {
    const queue = new GroupCommitQueue(sql);
    const write = queue.write((tx) => tx.query('INSERT INTO notes (text) VALUES (?)', ['w']));
    const read = queue.read((s) => s.query<{ n: number }>('SELECT COUNT(*) AS n FROM notes'));
    await write;
    expect(await read).toEqual([{ n: 1 }]);
  });

  it('a read that throws before it returns a promise is refused alone, and the next read is served', async () => {
    const queue = new GroupCommitQueue(sql);
    const refused = queue.read(() => {
      throw new RangeError('asOf must be a date');
    });
    const next = queue.read((s) => s.query<{ n: number }>('SELECT COUNT(*) AS n FROM notes'));
    await expect(refused).rejects.toThrow('asOf must be a date');
    await expect(next).resolves.toEqual([{ n: 0 }]);
  });

  it('writes that throw at once or reject are refused alone, in a batch or on their own, and the others commit', async () => {
    const queue = new GroupCommitQueue(sql);
    const throwsAtOnce = () =>
      queue.write(() => {
        throw new TypeError('bad input');
      });
    const rejects = () =>
      queue.write(async (tx) => {
        await tx.query('INSERT INTO notes (text) VALUES (?)', ['rejected-half']);
        throw new Error('refused');
      });
    const batch = await Promise.allSettled([insert(queue, 'a'), throwsAtOnce(), rejects(), insert(queue, 'b')]);
    expect(batch.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    await expect(throwsAtOnce()).rejects.toThrow('bad input');
    await expect(insert(queue, 'c')).resolves.toEqual([]);
    expect(committedNotes()).toEqual(['a', 'b', 'c']);
    expect(db.inTransaction).toBe(false);
  });

  it('a savepoint that cannot be made refuses its batch, keeps none of it, and the next write commits', async () => {
    const queue = new GroupCommitQueue(sql);
    failNext.push('SAVEPOINT');
    const batch = await Promise.allSettled([insert(queue, 'a'), insert(queue, 'b')]);
    expect(batch.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(db.inTransaction).toBe(false);
    await insert(queue, 'next');
    expect(committedNotes()).toEqual(['next']);
  });

  it('a savepoint that cannot be rolled back refuses its batch, keeps none of it, and the next write commits', async () => {
    const queue = new GroupCommitQueue(sql);
    failNext.push('ROLLBACK TO');
    const batch = await Promise.allSettled([insert(queue, 'a'), insert(queue, 'a'), insert(queue, 'b')]);
    expect(batch.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(db.inTransaction).toBe(false);
    await insert(queue, 'next');
    expect(committedNotes()).toEqual(['next']);
  });

  it('when even the ROLLBACK fails the transaction left open is ended before the next work, which is served', async () => {
    const queue = new GroupCommitQueue(sql);
    failNext.push('ROLLBACK TO', 'ROLLBACK');
    const batch = await Promise.allSettled([insert(queue, 'a'), insert(queue, 'a')]);
    expect(batch.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(db.inTransaction).toBe(true);
    // A read is not shown the uncommitted half of the failed batch.
    await expect(queue.read((s) => s.query('SELECT text FROM notes'))).resolves.toEqual([]);
    await insert(queue, 'next');
    expect(committedNotes()).toEqual(['next']);
    expect(db.inTransaction).toBe(false);
  });

  it('a COMMIT that fails refuses the batch, nothing of it is durable, and the next write commits', async () => {
    const queue = new GroupCommitQueue(sql);
    failNext.push('COMMIT');
    const batch = await Promise.allSettled([insert(queue, 'a'), insert(queue, 'b')]);
    expect(batch.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(db.inTransaction).toBe(false);
    await insert(queue, 'next');
    expect(committedNotes()).toEqual(['next']);
    expect(notes()).toEqual(['next']);
  });

  /** A write that inserts `text` and asks to be told, as `told` records, should its work be rolled back. */
  const listening = (queue: GroupCommitQueue, text: string, told: string[]) =>
    queue.write(async (tx) => {
      tx.whenRolledBack!((error) => {
        told.push(`${text}: ${(error as Error).message}`);
        return { error: new Error(`${text} undone`), redo: false };
      });
      await tx.query('INSERT INTO notes (text) VALUES (?)', [text]);
    });

  it("a write's listeners are told when its savepoint is rolled back, and it fails with what they answer; the others' are not told", async () => {
    const queue = new GroupCommitQueue(sql);
    const told: string[] = [];
    const batch = await Promise.allSettled([listening(queue, 'a', told), listening(queue, 'a', told), listening(queue, 'b', told)]);
    expect(batch.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual(['ok', 'a undone', 'ok']);
    expect(told).toEqual(['a: UNIQUE constraint failed: notes.text']);
    expect(committedNotes()).toEqual(['a', 'b']);
  });

  it("when the COMMIT fails every write's listeners are told, the latest write first", async () => {
    const queue = new GroupCommitQueue(sql);
    const told: string[] = [];
    failNext.push('COMMIT');
    const batch = await Promise.allSettled([listening(queue, 'a', told), listening(queue, 'b', told), listening(queue, 'c', told)]);
    expect(batch.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(told).toEqual(['c: disk I/O error during COMMIT', 'b: disk I/O error during COMMIT', 'a: disk I/O error during COMMIT']);
    expect(committedNotes()).toEqual([]);
  });

  it('a BEGIN that fails refuses its batch, and the next write is served', async () => {
    const queue = new GroupCommitQueue(sql);
    failNext.push('BEGIN');
    await expect(insert(queue, 'a')).rejects.toThrow('disk I/O error');
    await insert(queue, 'next');
    expect(committedNotes()).toEqual(['next']);
  });
});
