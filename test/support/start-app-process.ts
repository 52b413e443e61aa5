import { Test } from '@nestjs/testing';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';

/**
 * A second process for tests of what happens when two instances start at once:
 * for each line `{ "url", "redisPrefix", "at": <epoch ms> }` on stdin it waits
 * until `at`, starts the app on that database as startApp does (migrations and
 * seed included), asks /health/live, closes it, and answers
 * `{ "live": <status> }` or `{ "error": <stack> }` on stdout.
 */
async function main(): Promise<void> {
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const { url, redisPrefix, at } = JSON.parse(line) as { url: string; redisPrefix: string; at: number };
    await sleep(Math.max(0, at - Date.now()));
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [AppModule.forRoot({ DATABASE_URL: url, REDIS_PREFIX: redisPrefix, NODE_ENV: 'test', RUN_WORKER: 'false' })],
      }).compile();
      const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
      configureApp(app);
      await app.init();
      const live = await request(app.getHttpServer()).get('/api/v1/health/live');
      await app.close();
      process.stdout.write(`${JSON.stringify({ live: live.status })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ error: String((error as Error).stack) })}\n`);
    }
  }
}

void main();
