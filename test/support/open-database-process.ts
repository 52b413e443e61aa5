import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDataSource } from '../../src/event-store/data-source';
import { parseAppConfig } from '../../src/kernel/config';

/**
 * A second process for tests of what happens when two start at once: for each
 * line `{ "url": …, "at": <epoch ms> }` on stdin it waits until `at`, opens and
 * migrates that database as an app start does, closes it, and answers
 * `{ "ok": true }` or `{ "ok": false, "error": … }` on stdout.
 */
async function main(): Promise<void> {
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const { url, at } = JSON.parse(line) as { url: string; at: number };
    await sleep(Math.max(0, at - Date.now()));
    try {
      const dataSource = await openDataSource(parseAppConfig({ DATABASE_URL: url }).database);
      await dataSource.destroy();
      process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ ok: false, error: String((error as Error).stack) })}\n`);
    }
  }
}

void main();
