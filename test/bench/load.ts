import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** What cannon.ts is asked to do: `paths` (and `bodies`, for POSTs) are cycled through, one per request. */
export interface CannonJob {
  url: string;
  token: string;
  seconds: number;
  connections: number;
  paths: string[];
  bodies: string[];
  /** POST unless told: the read benchmarks GET, with no body. */
  method?: 'GET' | 'POST';
}

/** What a load run measured: mean requests a second, p99 latency in ms, and the requests that did not succeed. */
export interface CannonResult {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/**
 * Runs the load in a child process (cannon.ts), so the load generator does
 * not share an event loop with a server the benchmark runs in its own process.
 */
export const runCannon = (job: CannonJob): Promise<CannonResult> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [join(__dirname, 'cannon.js'), JSON.stringify(job)], { maxBuffer: 10 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as CannonResult),
    );
  });
