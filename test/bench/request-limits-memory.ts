/**
 * What the request limits cost in memory for 200,000 distinct client
 * addresses within one minute, with Redis (the counters live there) and with
 * Redis unreachable (the in-process fallback). A measurement, not a test:
 *
 *   node --expose-gc -r ts-node/register/transpile-only test/bench/request-limits-memory.ts
 */
import Redis from 'ioredis';
import { RequestLimits } from '../../src/auth/request-limits';
import { parseAppConfig } from '../../src/kernel/config';

const ADDRESSES = 200_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLOSED_PORT_URL = 'redis://127.0.0.1:1';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function redisUsedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}

async function measure(label: string, redisUrl: string): Promise<void> {
  const prefix = `limits-memory-${process.pid}-${Date.now()}`;
  const redis = redisUrl === REDIS_URL ? new Redis(REDIS_URL) : null;
  const limits = new RequestLimits(parseAppConfig({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix }));
  await new Promise((resolve) => setTimeout(resolve, 500));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const redisBefore = redis ? await redisUsedMemory(redis) : 0;
  for (let i = 0; i < ADDRESSES; i += 500) {
    await Promise.all(
      Array.from({ length: 500 }, (_, j) => {
        const n = i + j;
        return limits.anonymous(`10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
      }),
    );
  }
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  log(`${label}: process heap +${mb(heap)} for ${ADDRESSES.toLocaleString('en')} addresses (${Math.round(heap / ADDRESSES)} B each)`);
  if (redis) {
    log(`  Redis used_memory +${mb((await redisUsedMemory(redis)) - redisBefore)}, expiring with the window`);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
  limits.onApplicationShutdown();
}

async function main(): Promise<void> {
  await measure('Redis up', REDIS_URL);
  await measure('Redis unreachable (in-process fallback)', CLOSED_PORT_URL);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
