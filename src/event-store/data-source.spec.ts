import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { StartupError } from '../kernel/config';
import { expectWritable, openDataSource } from './data-source';

describe('a SQLite database the process may only read', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'uppfoljning-readonly-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused at start, naming the file, where it used to start and fail every write (a restore by another user, mode 444)', async () => {
    const path = join(dir, 'tracker.sqlite');
    const made = await openDataSource({ type: 'sqlite', path });
    await made.destroy();
    // What the operating system does to a file this user may not write (root ignores file modes, so the test opens it read-only).
    const readOnly = new DataSource({ type: 'better-sqlite3', database: path, readonly: true });
    await readOnly.initialize();
    try {
      const refused = expectWritable(readOnly, path);
      await expect(refused).rejects.toBeInstanceOf(StartupError);
      await expect(refused).rejects.toThrow(`DATABASE_URL: the SQLite database ${path} cannot be written (SQLITE_READONLY`);
    } finally {
      await readOnly.destroy();
    }
  });

  it('lets a writable one start, and leaves it as it was', async () => {
    const path = join(dir, 'writable.sqlite');
    const source = await openDataSource({ type: 'sqlite', path });
    try {
      const before = await source.query('PRAGMA user_version');
      await expect(expectWritable(source, path)).resolves.toBeUndefined();
      expect(await source.query('PRAGMA user_version')).toEqual(before);
    } finally {
      await source.destroy();
    }
  });

  it('names DATABASE_URL when the file cannot be opened at all', async () => {
    await expect(openDataSource({ type: 'sqlite', path: dir })).rejects.toThrow(`DATABASE_URL: sqlite:${dir} could not be opened`);
  });
});
