import 'reflect-metadata';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sql } from '../event-store/sql';
import { verifyChain } from '../event-store/verify-chain';
import { parseAppConfig } from '../kernel/config';
import { databaseOver } from './database-over';
import { progressBar } from './progress';

const USAGE = 'Usage: npm run backup -- <file>   (the database is DATABASE_URL\'s, as for the app)';

/** Pages copied per step: the app's writes go on between the steps (SQLite's own default is 100). */
const PAGES_PER_STEP = 1000;
/**
 * A write by the app between two steps makes SQLite start the copy over. After this many
 * starts the rest goes in one step, which holds only a read lock: under WAL the app's
 * writes go on meanwhile, and the copy cannot be overtaken by them for ever.
 */
const RESTARTS_BEFORE_ONE_STEP = 3;
const ALL_PAGES = 0x7fffffff;

/** SQL over a better-sqlite3 connection, for the chain's verification of the copy. */
const sqlOver = (db: BetterSqlite3.Database): Sql => ({
  dialect: 'sqlite',
  query: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
});

/**
 * `npm run backup -- <file>`: a consistent copy of a running SQLite installation, taken
 * with SQLite's online backup API while the app goes on reading and writing (a write
 * during the copy makes it start over on the pages that changed, so the copy is the
 * database at one instant). It refuses to overwrite a file, then opens the copy, checks
 * it and verifies its event chain. PostgreSQL has pg_dump for this (README, Operations).
 */
async function main(): Promise<void> {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || rest.length || file.startsWith('-')) throw new Error(USAGE);
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { database } = parseAppConfig({ DATABASE_URL: process.env.DATABASE_URL });
  if (database.type !== 'sqlite') {
    throw new Error('DATABASE_URL is PostgreSQL: back it up with pg_dump -Fc (README, Operations); this command copies a SQLite installation');
  }
  if (!existsSync(database.path)) throw new Error(`There is no database at ${database.path} (DATABASE_URL)`);
  const target = resolve(file);
  if (existsSync(target)) throw new Error(`${target} exists; a backup never overwrites a file, name a new one`);

  const source = new BetterSqlite3(database.path, { fileMustExist: true });
  // A writer holding the lock makes a step wait for it rather than fail.
  source.pragma('busy_timeout = 5000');
  const bar = progressBar();
  let started = false;
  let restarts = 0;
  let lastRemaining = Infinity;
  const startedAt = Date.now();
  try {
    await source.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        if (!started) bar.start(totalPages, 0, { label: `backup of ${database.path}` });
        started = true;
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        bar.setTotal(totalPages);
        bar.update(totalPages - remainingPages);
        return restarts >= RESTARTS_BEFORE_ONE_STEP ? ALL_PAGES : PAGES_PER_STEP;
      },
    });
    // The last step is not reported: the bar ends full.
    if (started) bar.update(bar.getTotal());
  } catch (error) {
    // Half a copy is no backup: it goes.
    rmSync(target, { force: true });
    throw error;
  } finally {
    if (started) bar.stop();
    source.close();
  }

  const copy = new BetterSqlite3(target, { fileMustExist: true });
  try {
    const [check] = copy.pragma('quick_check') as Array<{ quick_check: string }>;
    if (check.quick_check !== 'ok') throw new Error(`The copy at ${target} does not pass SQLite's check: ${check.quick_check}`);
    const chain = await verifyChain(databaseOver(sqlOver(copy)));
    if (!chain.ok) throw new Error(`The copy's event chain breaks at position ${chain.firstInvalidPosition}; the source may be damaged: run GET /api/v1/audit/verify`);
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    process.stdout.write(`Backed up ${database.path} to ${target} in ${seconds} s: ${chain.checkedEvents} events, head hash ${chain.headHash}, chain verified.\n`);
  } finally {
    copy.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`\nbackup: ${error.message}\n`);
  process.exit(1);
});
