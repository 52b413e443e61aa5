import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Under Jest a worker runs the sources the way a test's child process does (test/support/swc-register.cjs). */
const SWC_REGISTER = join(__dirname, '../../test/support/swc-register.cjs');

/**
 * A worker thread running `entry` (a module's path without its extension): the file compiled beside
 * it in dist/, or under Jest its TypeScript source, compiled as it loads.
 */
export function startThread(entry: string, workerData: unknown, resourceLimits: ResourceLimits): Worker {
  const file = `${entry}${extname(__filename)}`;
  if (file.endsWith('.ts')) {
    if (!existsSync(SWC_REGISTER)) throw new Error(`A worker thread needs ${SWC_REGISTER} to run from TypeScript`);
    const code = `require(${JSON.stringify(SWC_REGISTER)}); require(${JSON.stringify(file)});`;
    return new Worker(code, { eval: true, workerData, resourceLimits, execArgv: [] });
  }
  return new Worker(file, { workerData, resourceLimits, execArgv: [] });
}
