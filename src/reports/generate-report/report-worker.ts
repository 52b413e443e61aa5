import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import type { Sql } from '../../event-store/database';
import type { AppConfig } from '../../kernel/config';
import { buildReportModel } from '../domain/report-model';
import { renderReport, reportFileName } from '../render/render-report';
import { gatherReportInput } from './gather-report-input';
import type { ReportScope } from './report-scope';

/**
 * The worker thread that makes reports: it reads the log over a connection of
 * its own, folds, builds the model and renders, so none of that long work
 * runs on the event loop that answers requests. It writes nothing: the main
 * thread records the result through the command runner. One task at a time.
 */

export interface ReportTask {
  id: number;
  scope: ReportScope;
}

/** The file and what its record needs, as the worker hands it back. */
export interface MadeReport {
  content: Uint8Array;
  contentType: string;
  fileName: string;
  sha256: string;
  asOf: string;
  position: number;
}

export type WorkerMessage =
  | { kind: 'ready' }
  | { id: number; kind: 'progress'; percent: number }
  | { id: number; kind: 'done'; report: MadeReport }
  | { id: number; kind: 'failed'; name: string; message: string; code?: string };

export interface ReportWorkerData {
  database: AppConfig['database'];
}

/** A read-only connection, with one consistent snapshot per report (WAL on SQLite, REPEATABLE READ on PostgreSQL). */
interface ReadConnection {
  snapshot<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
}

function sqliteConnection(path: string): ReadConnection {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const sql: Sql = { dialect: 'sqlite', query: async <T>(text: string, params: unknown[] = []) => db.prepare(text).all(...params) as T[] };
  return {
    async snapshot(fn) {
      db.exec('BEGIN');
      try {
        return await fn(sql);
      } finally {
        db.exec('COMMIT');
      }
    },
  };
}

function postgresConnection(url: string): ReadConnection {
  // Pipelined as the app's pool is (data-source.ts): the statements a read makes at once (readStates) leave together.
  const client = new Client({ connectionString: url, pipeline: true });
  // A connection that breaks between reports is opened afresh for the next one.
  client.on('error', () => {
    connection = null;
  });
  const connected = client.connect();
  const placeholders = (text: string) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  };
  const sql: Sql = { dialect: 'postgres', query: async <T>(text: string, params: unknown[] = []) => (await client.query(placeholders(text), params)).rows as T[] };
  return {
    async snapshot(fn) {
      await connected;
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await fn(sql);
      } finally {
        await client.query('ROLLBACK');
      }
    },
  };
}

let connection: ReadConnection | null = null;
const open = ({ database }: ReportWorkerData): ReadConnection =>
  (connection ??= database.type === 'sqlite' ? sqliteConnection(database.path) : postgresConnection(database.url));

/** Percent of the whole: reading is most of the first half, rendering most of the second. */
async function make(task: ReportTask, progress: (percent: number) => void): Promise<MadeReport> {
  const input = await open(workerData as ReportWorkerData).snapshot((sql) => gatherReportInput(sql, task.scope, (f) => progress(Math.round(5 + 45 * f))));
  const model = buildReportModel(input);
  progress(60);
  const rendered = await renderReport(model, task.scope.request.format);
  progress(95);
  return {
    content: rendered.content,
    contentType: rendered.contentType,
    fileName: reportFileName(model, task.scope.request.format),
    sha256: createHash('sha256').update(rendered.content).digest('hex'),
    asOf: input.asOf,
    position: input.position,
  };
}

const port = parentPort;
if (port) {
  const send = (message: WorkerMessage) => port.postMessage(message);
  port.on('message', (task: ReportTask) => {
    make(task, (percent) => send({ id: task.id, kind: 'progress', percent })).then(
      (report) => send({ id: task.id, kind: 'done', report }),
      (error: Error & { code?: string }) => send({ id: task.id, kind: 'failed', name: error.name, message: error.message, code: error.code }),
    );
  });
  // Every module it imports is loaded (none is loaded later): from here on the worker may be stopped at any moment (ReportMaker waits for this).
  send({ kind: 'ready' });
}
