import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDirectory, makeDirectorySync } from './make-directory';

const codeOf = (run: () => void): string | undefined => {
  try {
    run();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
  return undefined;
};

describe('makeDirectory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'uppfoljning-make-directory-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a directory and its missing parents, and is content when they exist', async () => {
    const deep = join(dir, 'var', 'anchors', 'a');
    await makeDirectory(deep);
    await makeDirectory(deep);
    makeDirectorySync(join(dir, 'var', 'mail'));
    makeDirectorySync(join(dir, 'var', 'mail'));
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(statSync(join(dir, 'var', 'mail')).isDirectory()).toBe(true);
  });

  // Node's mkdir(…, { recursive: true }) never returns from these (see make-directory.ts): a test with it times out.
  it('fails with ENOENT where a parent exists but cannot hold children, instead of trying for ever', async () => {
    await expect(makeDirectory('/proc/self/uppfoljning/anchors')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(codeOf(() => makeDirectorySync('/proc/self/uppfoljning/anchors'))).toBe('ENOENT');
  });

  it('fails with the error of a file in the way', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    await expect(makeDirectory(join(file, 'sub', 'dir'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(codeOf(() => makeDirectorySync(join(file, 'sub')))).toBe('ENOTDIR');
    expect(existsSync(join(dir, 'sub'))).toBe(false);
  });
});
