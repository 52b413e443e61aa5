import autocannon from 'autocannon';
import type { CannonJob, CannonResult } from './load';

/**
 * Runs autocannon in its own process, so the load generator does not share
 * the server's event loop: `node cannon.js <json>` prints the result as JSON.
 * `paths` are cycled through, one per request.
 */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as CannonJob;
  let i = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const n = i++;
          const path = job.paths[n % job.paths.length];
          return job.method === 'GET' ? { ...req, method: 'GET', path } : { ...req, method: 'POST', path, body: job.bodies[n % job.bodies.length] };
        },
      },
    ],
  });
  const measured: CannonResult = { rps: Math.round(result.requests.average), p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, total: result.requests.total };
  process.stdout.write(JSON.stringify(measured));
}

void main();
