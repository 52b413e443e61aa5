import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from './database';
import { GroupCommitQueue } from './group-commit';

describe('group commit on a real SQLite file', () => {
  let dir: string;
  let db: BetterSqlite3.Database;
  let sql: Sql;
  let statements: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    db = new BetterSqlite3(join(dir, 'test.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
    statements = [];
    sql = {
      dialect: 'sqlite',
      query: async <T>(q: string, params: unknown[] = []) => {
        statements.push(q.split(' ')[0]);
        const stmt = db.prepare(q);
        return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
      },
    };
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits writers that queued up together, once, and a refused one rolls back alone', async () => {
    const queue = new GroupCommitQueue(sql);
    const insert = (text: string) => queue.write((tx) => tx.query('INSERT INTO notes (text) VALUES (?)', [text]));
    const results = await Promise.allSettled([insert('a'), insert('b'), insert('a'), insert('c')]);
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
});
