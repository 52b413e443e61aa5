import type { Sql } from '../event-store/database';
import { sameRequest, type WriteContext } from '../event-store/command-runner';
import { KeyReusedError, notFound } from '../kernel/domain-error';
import type { ReportRequest } from './generate-report/report-scope';
import type { ReportMetadata } from './report-store';
import { readReport } from './report-store';

export const REPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportJobStatus = (typeof REPORT_JOB_STATUSES)[number];

/** What GET /reports/jobs/:id shows: how far a report made in the background has come, and how it ended. */
export interface ReportJobView {
  id: string;
  status: ReportJobStatus;
  progressPercent: number;
  request: ReportRequest;
  createdAt: string;
  createdBy: ReportMetadata['createdBy'];
  finishedAt: string | null;
  /** The report made, when the job is done. */
  report: ReportMetadata | null;
  /** Why it failed, when it did. */
  failure: string | null;
}

interface ReportJobRow {
  id: string;
  status: ReportJobStatus;
  progress: number | string;
  request: string;
  created_by: string;
  request_hash: string | null;
  report_id: string | null;
  failure: string | null;
  created_at: string;
  finished_at: string | null;
  touched_at_ms: number | string;
}

/**
 * The process that makes a job touches it this often while it is queued or
 * under way (ReportGeneration), whether or not the worker has progress to
 * tell: a job waiting behind others in the one report thread is touched too.
 */
export const JOB_HEARTBEAT_MS = 30_000;

/**
 * A job that has not been touched for this long was being made by a process
 * that stopped (a restart, a crash): it is shown, and recorded, as failed.
 * Four heartbeats missed: it was 15 minutes, all of which a job whose server
 * was killed showed "queued" for, through restarts.
 */
export const STALE_JOB_MS = 4 * JOB_HEARTBEAT_MS;
const INTERRUPTED = 'the server stopped before the report was made';

const COLUMNS = 'id, status, progress, request, created_by, request_hash, report_id, failure, created_at, finished_at, touched_at_ms';

async function toView(sql: Sql, row: ReportJobRow): Promise<ReportJobView> {
  return {
    id: row.id,
    status: row.status,
    progressPercent: Number(row.progress),
    request: JSON.parse(row.request),
    createdAt: row.created_at,
    createdBy: JSON.parse(row.created_by),
    finishedAt: row.finished_at,
    report: row.report_id ? await readReport(sql, row.report_id) : null,
    failure: row.failure,
  };
}

const unfinished = (row: ReportJobRow) => row.status === 'queued' || row.status === 'running';

/** A new job, queued; who asked and under which Idempotency-Key, so a repeat finds it. */
export async function createReportJob(tx: Sql, id: string, request: ReportRequest, ctx: WriteContext, createdAt: string): Promise<void> {
  const { id: actorId, email, name, role } = ctx.actor;
  await tx.query(
    `INSERT INTO report_jobs (id, status, progress, request, actor_id, created_by, idempotency_key, request_hash, created_at, touched_at_ms) VALUES (?, 'queued', 0, ?, ?, ?, ?, ?, ?, ?)`,
    [id, JSON.stringify(request), actorId, JSON.stringify({ id: actorId, email, name, role }), ctx.idempotency?.key ?? null, ctx.idempotency?.requestHash ?? null, createdAt, Date.now()],
  );
}

/**
 * The job this actor started with this Idempotency-Key, if any: the same
 * request again gets the same job; the key with another request is a 409, as
 * for every other write.
 */
export async function jobForKey(sql: Sql, ctx: WriteContext): Promise<string | null> {
  if (!ctx.idempotency) return null;
  const [row] = await sql.query<ReportJobRow>(`SELECT ${COLUMNS} FROM report_jobs WHERE actor_id = ? AND idempotency_key = ?`, [ctx.actor.id, ctx.idempotency.key]);
  if (!row) return null;
  if (!sameRequest(row.request_hash, ctx.idempotency)) throw new KeyReusedError(ctx.idempotency.key);
  return row.id;
}

export async function markJobProgress(tx: Sql, id: string, percent: number): Promise<void> {
  await tx.query(`UPDATE report_jobs SET status = 'running', progress = ?, touched_at_ms = ? WHERE id = ? AND status IN ('queued', 'running')`, [percent, Date.now(), id]);
}

export async function finishJob(tx: Sql, id: string, reportId: string, finishedAt: string): Promise<void> {
  await tx.query(`UPDATE report_jobs SET status = 'done', progress = 100, report_id = ?, finished_at = ?, touched_at_ms = ? WHERE id = ?`, [reportId, finishedAt, Date.now(), id]);
}

export async function failJob(tx: Sql, id: string, failure: string, finishedAt: string): Promise<void> {
  await tx.query(`UPDATE report_jobs SET status = 'failed', failure = ?, finished_at = ?, touched_at_ms = ? WHERE id = ? AND status IN ('queued', 'running')`, [failure, finishedAt, Date.now(), id]);
}

/** A job as it stands, and whether it is stale: unfinished, and untouched for longer than any report takes. */
export async function readReportJob(sql: Sql, id: string): Promise<{ job: ReportJobView; stale: boolean }> {
  const [row] = await sql.query<ReportJobRow>(`SELECT ${COLUMNS} FROM report_jobs WHERE id = ?`, [id]);
  if (!row) throw notFound(`Report job ${id} not found`);
  return { job: await toView(sql, row), stale: unfinished(row) && Date.now() - Number(row.touched_at_ms) > STALE_JOB_MS };
}

/** The jobs this process is making are alive: touched, so no poll takes them for a stopped server's. */
export async function touchJobs(tx: Sql, ids: string[], nowMs: number): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`UPDATE report_jobs SET touched_at_ms = ? WHERE id IN (${ids.map(() => '?').join(', ')}) AND status IN ('queued', 'running')`, [nowMs, ...ids]);
}

/** A stale job's process stopped (a restart, a crash): it is recorded as failed, so it never looks busy for ever. */
export const failInterruptedJob = (tx: Sql, id: string, now: string) => failJob(tx, id, INTERRUPTED, now);
