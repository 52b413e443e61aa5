import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, MigrationExecutor } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { describeDatabase, StartupError, type AppConfig } from '../kernel/config';
import { databaseErrorCode } from '../kernel/database-error-code';
import { makeDirectorySync } from '../kernel/make-directory';

const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The TypeORM data source for either database. On SQLite: WAL, so readers do
 * not block the writer; synchronous=FULL, so a write that returned 2xx is on
 * disk; a busy timeout for a second process on the same file.
 */
export function createDataSource(database: AppConfig['database']): DataSource {
  if (database.type === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: MIGRATIONS,
      migrationsTransactionMode: 'each',
      // pipeline: a statement sent while another is under way goes out at once (the group
      // commit's savepoints, a read's BEGIN) instead of waiting for the answer before it.
      extra: { max: 10, pipeline: true },
    });
  }
  if (database.path !== ':memory:') makeDirectorySync(dirname(database.path));
  return new DataSource({
    type: 'better-sqlite3',
    database: database.path,
    statementCacheSize: 200,
    prepareDatabase: async (db: { pragma(sql: string): unknown }) => {
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma('synchronous = FULL');
      // WAL here rather than TypeORM's enableWAL: SQLite answers "busy" at once, without
      // the busy handler, when another process is opening or migrating the same new file.
      await whileBusy(() => db.pragma('journal_mode = WAL'));
    },
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
  });
}

/**
 * Keys of the session-level advisory locks that let instances start together on
 * PostgreSQL. Distinct from the append lock in database.ts (73_626_012): the seed
 * appends events while it holds its lock.
 */
const MIGRATION_LOCK_KEY = 73_626_013;
export const SEED_LOCK_KEY = 73_626_014;

/** How long a start waits on SQLite for another process's write transaction before giving up. */
const SQLITE_STARTUP_WAIT_MS = 30_000;

export async function openDataSource(database: AppConfig['database']): Promise<DataSource> {
  if (database.type === 'postgres' && database.migrationUrl) await migrateAsOwner(database.migrationUrl, database.url);
  const dataSource = createDataSource(database);
  await dataSource.initialize().catch((error: Error) => {
    throw new StartupError(`DATABASE_URL: ${describeDatabase(database)} could not be opened (${databaseErrorCode(error) || error.name}: ${error.message})`);
  });
  try {
    if (database.type === 'sqlite') {
      await migrateSqlite(dataSource);
      await expectWritable(dataSource, database.path);
    }
    // With a migration URL the owner has migrated already, above.
    else if (!database.migrationUrl) await withStartupLock(dataSource, MIGRATION_LOCK_KEY, () => dataSource.runMigrations({ transaction: 'each' }));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * A SQLite file the process may only read (restored by another user, mode 444)
 * opens without a word, and every write then fails: refused at start instead,
 * naming the file. The check writes the header's user_version as it is, and
 * rolls that back.
 */
export async function expectWritable(dataSource: DataSource, path: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    const [{ user_version: version }] = (await runner.query('PRAGMA user_version')) as Array<{ user_version: number }>;
    // Another process's write (a second instance starting, a backup) is waited for, as the migrations wait.
    await whileBusy(() => runner.query('BEGIN IMMEDIATE'));
    try {
      await runner.query(`PRAGMA user_version = ${Number(version)}`);
    } finally {
      await runner.query('ROLLBACK');
    }
  } catch (error) {
    throw new StartupError(
      `DATABASE_URL: the SQLite database ${path} cannot be written (${databaseErrorCode(error) || (error as Error).name}: ${(error as Error).message}); check the owner and permissions of the file and its directory`,
    );
  } finally {
    await runner.release();
  }
}

/** Tables the app's role may append to and read, never change: the log and its anchors. */
const APPEND_ONLY_TABLES = ['events', 'audit_anchors'];

/**
 * DATABASE_MIGRATION_URL: the migrations run as the tables' owner, who then
 * grants the app's role (DATABASE_URL's user) what it needs, at every start so
 * tables a new migration made are granted too: everything on the other tables,
 * only INSERT and SELECT on the log and its anchors. A role that is not the
 * owner can neither drop nor disable the triggers, nor change a row.
 */
async function migrateAsOwner(migrationUrl: string, appUrl: string): Promise<void> {
  const owner = createDataSource({ type: 'postgres', url: migrationUrl });
  await owner.initialize();
  try {
    await withStartupLock(owner, MIGRATION_LOCK_KEY, async () => {
      await owner.runMigrations({ transaction: 'each' });
      const role = decodeURIComponent(new URL(appUrl).username);
      const [me] = (await owner.query('SELECT current_user AS name')) as Array<{ name: string }>;
      if (!role || role === me.name) return;
      const quoted = `"${role.replace(/"/g, '""')}"`;
      await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted}`);
      await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${quoted}`);
      await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${quoted}`);
    });
  } finally {
    await owner.destroy();
  }
}

/**
 * Runs fn while this instance holds a session-level advisory lock on PostgreSQL,
 * so instances starting together take turns: the second one waits, then finds
 * the work done. The lock lives on a connection of its own, held for the whole
 * of fn while fn's queries use other pooled connections, and goes with that
 * connection if the process dies. On SQLite fn runs as it is: every write there
 * is a `BEGIN IMMEDIATE` transaction, which already serializes processes.
 */
export async function withStartupLock<T>(dataSource: DataSource, key: number, fn: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return fn();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    return await fn();
  } finally {
    // Unlocking fails only on a broken connection, which takes the lock with it; fn's error is the one to report.
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * SQLite migrations in one `BEGIN IMMEDIATE` transaction: the check of which
 * migrations ran and running the rest happen under the write lock, so a second
 * process on the same file waits and then finds nothing pending, instead of
 * both creating the same tables. The lock is taken without SQLite's busy
 * handler, which would block the event loop: polling keeps the process (and
 * any other app in it on the same file) running while it waits.
 */
async function migrateSqlite(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.query('PRAGMA busy_timeout = 0');
  try {
    await whileBusy(() => runner.query('BEGIN IMMEDIATE'));
  } finally {
    await runner.query(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  }
  try {
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'none';
    await executor.executePendingMigrations();
    await runner.query('COMMIT');
  } catch (error) {
    // The original error is the one to report; SQLite may have rolled back already.
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * Runs fn again while SQLite answers "busy" (any SQLITE_BUSY_* code), waiting
 * between tries without blocking the event loop, for at most a start's patience.
 */
async function whileBusy<T>(fn: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + SQLITE_STARTUP_WAIT_MS;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!databaseErrorCode(error).startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
}
