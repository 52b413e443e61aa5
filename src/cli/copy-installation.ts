import { existsSync, rmSync } from 'node:fs';
import { DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import { createDataSource } from '../event-store/data-source';
import { EventStore } from '../event-store/event-store';
import { EVENT_COLUMNS, type EventRow } from '../event-store/event-row';
import type { Dialect, Sql } from '../event-store/sql';
import { verifyChain } from '../event-store/verify-chain';
import { Clock } from '../kernel/clock';
import type { AppConfig } from '../kernel/config';
import { isRows, type ReadModel } from '../projections/projection';
import { Projector } from '../projections/projector';
import { databaseOver } from './database-over';

type DatabaseAddress = AppConfig['database'];

/**
 * What `db:copy` does with each table, decided table by table from migrations/:
 *
 * - `events`: copied first, row by row as stored (position, stream version, the JSON text,
 *   both instants, both hashes), so the chain on the target is the source's, byte for byte.
 * - Read models, the tables of READ_MODELS' projections (rm_reviews, rm_recommendations,
 *   rm_actions, rm_action_updates, rm_update_evidence, rm_cycles, units, users,
 *   search_entries) and `projection_checkpoints`: rebuilt on the target from the copied
 *   events with the projector's own rebuild, so they are what the log says. SQLite's
 *   full-text index of the search (search_fts and its shadow tables, and search_fts_indexed,
 *   how far it has come) is built by that rebuild from search_entries; PostgreSQL has none. A table that is not (yet) a projection's is
 *   copied like those below.
 * - `migrations`: the target's own, written by running the migrations there.
 * - `sessions` and `oidc_sessions` (the ID token a session signs out with): not moved. A
 *   session is a sign-in to one installation; after the move everyone signs in once more.
 * - `oidc_logins`: not moved: a sign-in under way at the provider, for ten minutes at most,
 *   and the app is stopped for the move.
 * - `user_credentials` (password hashes and last sign-ins, never in events), `reports` and
 *   their bytes (a download is the very file the committee was given), `report_jobs`,
 *   `idempotency_keys` (a retried write must still replay), `outbox` (what is still to hand
 *   to the queue), `reminders` (what was sent, claimed or failed: the worker's guard against
 *   sending twice), `snapshots` (a cache of the log, but without it the first write to a long
 *   stream folds every event), `password_tokens` (a link mailed an hour ago still works), `password_mails` (a link mail still to be tried),
 *   `audit_anchors` (signed heads of the log: the same positions and hashes on the target),
 *   `form_drafts` and `import_previews` (an hour's typing and previews, kept for their users),
 *   `attachment_blobs` and `attachments` (the files attached as evidence, by their SHA-256):
 *   copied.
 * - Any table added later and not named here: copied, as data nothing else can give back.
 */
const NOT_COPIED: Record<string, string> = {
  migrations: "the target's migrations write their own",
  projection_checkpoints: 'the rebuild writes them',
  search_fts_indexed: "the rebuild writes it (SQLite's full-text index, search-index.ts)",
  sessions: 'everyone signs in again on the new database',
  oidc_sessions: 'they belong to the sessions, which stay behind',
  oidc_logins: 'sign-ins under way expire within ten minutes',
};

/** Events per page read from the source; rows per INSERT stay well under both databases' parameter limits. */
const EVENT_PAGE = 2000;
const TABLE_PAGE = 500;
/** Tables whose rows are big: a report's file can be megabytes, an attached file 25 MB, so few are held at once. */
const PAGE_OF: Record<string, number> = { reports: 10, attachment_blobs: 2 };
const MAX_PARAMETERS = 10_000;

export interface CopyProgress {
  step: 'events' | 'read models' | 'tables' | 'verify';
  done: number;
  total: number;
  table?: string;
}

export interface CopySummary {
  events: number;
  headHash: string;
  /** Rows copied per table, events excluded. */
  tables: Record<string, number>;
  /** Streams folded into the rebuilt read models. */
  readModelRows: number;
  readModels: string[];
  skipped: Record<string, string>;
}

/** A refusal or failure with the reason for the operator; the target is as it was. */
export class CopyRefused extends Error {
  override name = 'CopyRefused';
}

/** `sqlite:<path>` or `postgres://…`, as DATABASE_URL is written. */
export function parseDatabaseUrl(url: string): DatabaseAddress {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new CopyRefused('sqlite:<path> needs a path');
    return { type: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { type: 'postgres', url };
  throw new CopyRefused(`A database is sqlite:<path> or postgres://…, got "${url}"`);
}


/** SQL with `?` placeholders over one query runner (one connection, hence one transaction). */
function sqlOver(runner: QueryRunner, dialect: Dialect): Sql {
  return {
    dialect,
    query: async <T>(sql: string, params: unknown[] = []) => {
      let n = 0;
      const text = dialect === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
      const result = await runner.query(text, params, true);
      return (result.records ?? []) as T[];
    },
  };
}

interface TableShape {
  name: string;
  columns: string[];
  key: string[];
  /** Columns a PostgreSQL sequence fills (BIGSERIAL): the sequence is moved past the copied values. */
  serial: string[];
}

async function tablesOf(sql: Sql): Promise<TableShape[]> {
  if (sql.dialect === 'sqlite') {
    // Plain tables only: a full-text index (a virtual table and its shadow tables) is built again from its table by the rebuild.
    const names = await sql.query<{ name: string }>("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    const tables: TableShape[] = [];
    for (const { name } of names) {
      const info = await sql.query<{ name: string; pk: number }>(`PRAGMA table_info("${name}")`);
      const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      tables.push({ name, columns: info.map((c) => c.name), key, serial: [] });
    }
    return tables;
  }
  const columns = await sql.query<{ table_name: string; column_name: string; column_default: string | null }>(
    `SELECT table_name, column_name, column_default FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name IN
       (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
     ORDER BY table_name, ordinal_position`,
  );
  const keys = await sql.query<{ table_name: string; column_name: string }>(
    `SELECT k.table_name, k.column_name FROM information_schema.table_constraints c
     JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema AND k.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.table_name, k.ordinal_position`,
  );
  const byName = new Map<string, TableShape>();
  for (const c of columns) {
    const table = byName.get(c.table_name) ?? { name: c.table_name, columns: [], key: [], serial: [] };
    table.columns.push(c.column_name);
    if (c.column_default?.startsWith('nextval(')) table.serial.push(c.column_name);
    byName.set(c.table_name, table);
  }
  for (const k of keys) byName.get(k.table_name)?.key.push(k.column_name);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const count = async (sql: Sql, table: string): Promise<number> => Number((await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

async function insertMany(sql: Sql, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await sql.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

/** The tables the projections keep, which the target gets by rebuilding rather than by copying. */
export function readModelTables(readModels: ReadModel[]): string[] {
  return readModels.flatMap((p) => (isRows(p) ? p.tables : [p.table]));
}

/**
 * Copies a whole installation to an empty database: the events with their positions and
 * hashes, the tables that are not read models, then the read models rebuilt from the events
 * and the chain verified, all in one transaction on the target, so a failure anywhere leaves
 * it as it was (a SQLite file this made is removed again). The source is read in one
 * snapshot and never written.
 */
export async function copyInstallation(
  from: DatabaseAddress,
  to: DatabaseAddress,
  readModels: ReadModel[],
  onProgress: (p: CopyProgress) => void = () => undefined,
): Promise<CopySummary> {
  if (from.type === 'sqlite' && to.type === 'sqlite' && from.path === to.path) throw new CopyRefused('The source and the target are the same file');
  if (from.type === 'sqlite' && !existsSync(from.path)) throw new CopyRefused(`The source ${from.path} does not exist`);
  const targetFileExisted = to.type === 'sqlite' && existsSync(to.path);
  const source = createDataSource(from);
  const target = createDataSource(to);
  let done = false;
  try {
    await source.initialize();
    if (await source.showMigrations()) {
      throw new CopyRefused(`The source's schema is older than this release: start this release on it once (it migrates at start), then copy`);
    }
    await target.initialize();
    const summary = await withSourceSnapshot(source, (src) => withTargetTransaction(target, (dst, runner) => copyInto(src, dst, runner, target, readModels, onProgress)));
    done = true;
    return summary;
  } catch (error) {
    if (error instanceof CopyRefused) throw error;
    throw new CopyRefused(`The copy failed, the target is as it was: ${(error as Error).message}`, { cause: error });
  } finally {
    await source.destroy().catch(() => undefined);
    await target.destroy().catch(() => undefined);
    // A SQLite file made for a copy that did not commit is taken away again, WAL and all.
    if (to.type === 'sqlite' && !targetFileExisted && !done) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${to.path}${suffix}`, { force: true });
    }
  }
}

/** Reads the source in one consistent snapshot (a read transaction), writing nothing. */
async function withSourceSnapshot<T>(source: DataSource, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const dialect: Dialect = source.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const runner = source.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(dialect === 'postgres' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
    try {
      return await fn(sqlOver(runner, dialect));
    } finally {
      await runner.query('ROLLBACK').catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

async function withTargetTransaction<T>(target: DataSource, fn: (sql: Sql, runner: QueryRunner) => Promise<T>): Promise<T> {
  const dialect: Dialect = target.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const runner = target.createQueryRunner();
  await runner.connect();
  try {
    // SQLite: the write lock at once, so no other process writes in between.
    await runner.query(dialect === 'postgres' ? 'BEGIN' : 'BEGIN IMMEDIATE');
    let result: T;
    try {
      result = await fn(sqlOver(runner, dialect), runner);
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await runner.query('COMMIT');
    return result;
  } finally {
    await runner.release();
  }
}

async function copyInto(src: Sql, dst: Sql, runner: QueryRunner, target: DataSource, readModels: ReadModel[], onProgress: (p: CopyProgress) => void): Promise<CopySummary> {
  // Empty means no events and no users: an installation that ever started has the seed's.
  const existing = new Set((await tablesOf(dst)).map((t) => t.name));
  for (const table of ['events', 'users']) {
    if (existing.has(table) && (await count(dst, table)) > 0) {
      throw new CopyRefused(`The target is not empty: its ${table} table has rows. Copy into a new, empty database`);
    }
  }
  const executor = new MigrationExecutor(target, runner);
  executor.transaction = 'none';
  await executor.executePendingMigrations();

  const sourceTables = await tablesOf(src);
  const targetTables = new Map((await tablesOf(dst)).map((t) => [t.name, t]));
  const rebuilt = new Set(readModelTables(readModels));

  // The events, page by page in position order, exactly as stored.
  const total = await count(src, 'events');
  const columns = EVENT_COLUMNS.split(', ');
  let after = 0;
  let copied = 0;
  onProgress({ step: 'events', done: 0, total });
  for (;;) {
    const rows = await src.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ${EVENT_PAGE}`, [after]);
    if (rows.length === 0) break;
    await insertMany(dst, 'events', columns, rows.map((r) => columns.map((c) => r[c as keyof EventRow])));
    copied += rows.length;
    after = Number(rows[rows.length - 1].position);
    onProgress({ step: 'events', done: copied, total });
  }

  // The read models from the copied events, with the projector's own rebuild.
  const db = databaseOver(dst);
  const rebuild = await new Projector(db, new EventStore(db, new Clock()), readModels).rebuild(undefined, ({ processed, total: head }) =>
    onProgress({ step: 'read models', done: processed, total: head }),
  );

  // Every other table, as stored.
  const tables: Record<string, number> = {};
  const skipped: Record<string, string> = {};
  for (const table of sourceTables) {
    if (table.name === 'events') continue;
    if (rebuilt.has(table.name)) continue;
    if (NOT_COPIED[table.name]) {
      skipped[table.name] = NOT_COPIED[table.name];
      continue;
    }
    const into = targetTables.get(table.name);
    if (!into) throw new CopyRefused(`The target has no table ${table.name}, which the source has: are both of this release?`);
    const missing = table.columns.filter((c) => !into.columns.includes(c));
    if (missing.length) throw new CopyRefused(`The target's ${table.name} lacks the source's columns ${missing.join(', ')}: are both of this release?`);
    tables[table.name] = await copyTable(src, dst, table, into, onProgress);
  }

  onProgress({ step: 'verify', done: 0, total });
  const verified = await verifyChain(db);
  const sourceHead = (await src.query<{ hash: string }>('SELECT hash FROM events ORDER BY position DESC LIMIT 1'))[0]?.hash;
  if (!verified.ok) throw new CopyRefused(`The chain on the target does not verify: position ${verified.firstInvalidPosition} does not match`);
  if (verified.checkedEvents !== total || (total > 0 && verified.headHash !== sourceHead)) {
    throw new CopyRefused(`The target holds ${verified.checkedEvents} events ending in ${verified.headHash}, the source ${total} ending in ${sourceHead}`);
  }
  onProgress({ step: 'verify', done: total, total });
  return {
    events: verified.checkedEvents,
    headHash: verified.headHash,
    tables,
    readModelRows: rebuild.rows,
    readModels: readModels.map((p) => p.name),
    skipped,
  };
}

/** One table's rows in pages ordered by its key (one snapshot, so the pages do not shift), then its sequence past them. */
async function copyTable(src: Sql, dst: Sql, table: TableShape, into: TableShape, onProgress: (p: CopyProgress) => void): Promise<number> {
  const total = await count(src, table.name);
  const order = (table.key.length ? table.key : table.columns).join(', ');
  let copied = 0;
  onProgress({ step: 'tables', table: table.name, done: 0, total });
  while (copied < total) {
    const page = PAGE_OF[table.name] ?? TABLE_PAGE;
    const rows = await src.query<Record<string, unknown>>(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${order} LIMIT ${page} OFFSET ${copied}`);
    if (rows.length === 0) break;
    await insertMany(dst, table.name, table.columns, rows.map((r) => table.columns.map((c) => r[c])));
    copied += rows.length;
    onProgress({ step: 'tables', table: table.name, done: copied, total });
  }
  for (const column of into.serial) {
    await dst.query(`SELECT setval(pg_get_serial_sequence('${table.name}', '${column}'), COALESCE(MAX(${column}), 1), MAX(${column}) IS NOT NULL) FROM ${table.name}`);
  }
  return copied;
}
