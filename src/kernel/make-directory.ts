import { mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that gives up. Node's own `mkdir(dir, { recursive: true })` (20.20, both the
 * callback and the sync form) never returns when a parent exists but cannot hold children:
 * it makes the parent (EEXIST), tries the child again (ENOENT), and so on for ever, a thread
 * of libuv's pool (or, sync, the event loop) spinning. Measured here: an anchor directory
 * inside a bind mount whose source was deleted, a relative directory after the working
 * directory was deleted (a release directory pruned under a running process), or any path
 * under /proc; the app then used most of a core, the anchor was never written nor its
 * failure logged, and shutdown waited for it. This walks up at most once and down at most
 * once, one mkdir each, and fails with the error that stopped it.
 */
function* steps(dir: string): Generator<string, void, NodeJS.ErrnoException | null> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; ) {
    const error = yield at;
    if (error === null || error.code === 'EEXIST') break;
    const parent = dirname(at);
    if (error.code !== 'ENOENT' || parent === at) throw error;
    missing.push(at);
    at = parent;
  }
  for (const at of missing.reverse()) {
    const error = yield at;
    if (error !== null && error.code !== 'EEXIST') throw error;
  }
}

/** Makes `dir` and its missing parents; a file in the way is left for the next step to fail on. */
export async function makeDirectory(dir: string): Promise<void> {
  const walk = steps(dir);
  for (let step = walk.next(); !step.done; ) {
    step = walk.next(
      await mkdir(step.value).then(
        () => null,
        (error: NodeJS.ErrnoException) => error,
      ),
    );
  }
}

/** The same, at start-up, before anything else can run. */
export function makeDirectorySync(dir: string): void {
  const walk = steps(dir);
  for (let step = walk.next(); !step.done; ) {
    let error: NodeJS.ErrnoException | null = null;
    try {
      mkdirSync(step.value);
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    step = walk.next(error);
  }
}
