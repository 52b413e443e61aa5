import type { Sql } from '../event-store/database';
import type { Reminder, ReminderKind } from './domain/reminder-plan';

/**
 * SQL over the `reminders` read model and the outbox. Every function takes the
 * transaction it runs in: planning writes inside the append's transaction,
 * claiming inside the worker's own write transaction.
 */

export const REMINDER_STATUSES = ['scheduled', 'sending', 'sent', 'skipped', 'failed'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
export type ReminderOutcome = Extract<ReminderStatus, 'sent' | 'skipped' | 'failed'>;
export const FINAL_STATUSES: readonly ReminderStatus[] = ['sent', 'skipped', 'failed'];

/** The outbox kind a reminder is relayed under; the queue's job name too. */
export const REMINDER_OUTBOX_KIND = 'reminder';

export interface ReminderRow {
  id: string;
  kind: ReminderKind;
  recipient: string;
  recommendation_id: string | null;
  action_id: string | null;
  milestone_key: string | null;
  cycle_id: string | null;
  due_key: string;
  send_at: string;
  status: ReminderStatus;
  attempts: number | string;
  claim_token: string | null;
  claimed_at: string | null;
  sent_at: string | null;
  detail: string | null;
  updated_at: string;
}

export const toReminder = (row: ReminderRow): Reminder => ({
  id: row.id,
  kind: row.kind,
  recipient: row.recipient,
  recommendationId: row.recommendation_id,
  actionId: row.action_id,
  milestoneKey: row.milestone_key,
  cycleId: row.cycle_id,
  sendAt: row.send_at,
  dueKey: row.due_key,
});

/** What GET /reminders shows of a row: the reminder, less its planning keys, and how its delivery went. */
export const toReminderView = (row: ReminderRow) => {
  const { cycleId: _cycleId, dueKey: _dueKey, ...reminder } = toReminder(row);
  return {
    ...reminder,
    status: row.status,
    attempts: Number(row.attempts),
    sentAt: row.sent_at,
    reason: row.status === 'sent' ? null : row.detail,
  };
};

export type ReminderView = ReturnType<typeof toReminderView>;

/** Both databases cap the number of bound parameters per statement; these chunks stay far below either cap. */
const ID_CHUNK = 500;
const ROW_CHUNK = 50;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const placeholders = (n: number, width: number) =>
  Array.from({ length: n }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ');

/**
 * Stores the reminders not stored yet, each with its outbox row, and returns
 * how many were new. Ids are derived from what a reminder is about, so a plan
 * recomputed after every event mostly finds its reminders already there: one
 * indexed lookup, and inserts only for the new ones. `ON CONFLICT DO NOTHING`
 * on both tables makes a reminder, once planned, planned for good, and its
 * job id queued once by the relay.
 */
export async function insertPlanned(tx: Sql, planned: Reminder[], now: string): Promise<number> {
  if (planned.length === 0) return 0;
  const existing = new Set<string>();
  for (const ids of chunks(planned.map((r) => r.id), ID_CHUNK)) {
    const rows = await tx.query<{ id: string }>(`SELECT id FROM reminders WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    for (const row of rows) existing.add(row.id);
  }
  const fresh = planned.filter((r) => !existing.has(r.id));
  for (const batch of chunks(fresh, ROW_CHUNK)) {
    await tx.query(
      'INSERT INTO reminders (id, kind, recipient, recommendation_id, action_id, milestone_key, cycle_id, due_key, send_at, status, attempts, created_at, updated_at) ' +
        `VALUES ${placeholders(batch.length, 13)} ON CONFLICT (id) DO NOTHING`,
      batch.flatMap((r) => [
        r.id,
        r.kind,
        r.recipient,
        r.recommendationId,
        r.actionId,
        r.milestoneKey,
        r.cycleId,
        r.dueKey,
        normalInstant(r.sendAt),
        'scheduled',
        0,
        now,
        now,
      ]),
    );
    await tx.query(
      `INSERT INTO outbox (job_id, kind, payload, run_at, created_at) VALUES ${placeholders(batch.length, 5)} ON CONFLICT (job_id) DO NOTHING`,
      batch.flatMap((r) => [r.id, REMINDER_OUTBOX_KIND, JSON.stringify({ ...r, sendAt: normalInstant(r.sendAt) }), normalInstant(r.sendAt), now]),
    );
  }
  return fresh.length;
}

/** One ISO form (with milliseconds), so instants stored as text compare correctly in SQL. */
export const normalInstant = (instant: string) => new Date(instant).toISOString();

export async function findReminder(tx: Sql, id: string): Promise<ReminderRow | null> {
  const [row] = await tx.query<ReminderRow>('SELECT * FROM reminders WHERE id = ?', [id]);
  return row ?? null;
}

export async function claimReminder(tx: Sql, id: string, token: string, now: string): Promise<void> {
  await tx.query(
    "UPDATE reminders SET status = 'sending', claim_token = ?, claimed_at = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?",
    [token, now, now, id],
  );
}

/**
 * Gives a claim back after a temporary failure: nothing went out, so a retry may send. Why it failed is
 * kept as the row's detail, so GET /reminders shows a reminder tried and waiting for its next attempt
 * with its reason, not as one never tried.
 */
export async function releaseReminder(tx: Sql, id: string, token: string, now: string, why: string): Promise<void> {
  await tx.query(
    "UPDATE reminders SET status = 'scheduled', detail = ?, claim_token = NULL, claimed_at = NULL, updated_at = ? WHERE id = ? AND claim_token = ?",
    [why.slice(0, 1000), now, id, token],
  );
}

export async function finishReminder(
  tx: Sql,
  id: string,
  outcome: { status: ReminderOutcome; detail: string | null; at: string },
): Promise<void> {
  await tx.query(
    'UPDATE reminders SET status = ?, detail = ?, sent_at = ?, claim_token = NULL, updated_at = ? WHERE id = ?',
    [outcome.status, outcome.detail, outcome.status === 'sent' ? outcome.at : null, outcome.at, id],
  );
}

export async function listReminders(sql: Sql, status?: ReminderStatus): Promise<ReminderRow[]> {
  return sql.query<ReminderRow>(
    `SELECT * FROM reminders${status ? ' WHERE status = ?' : ''} ORDER BY send_at, id`,
    status ? [status] : [],
  );
}

/** Scheduled reminders already due by the application clock, for the relay's catch-up after the clock moved. */
export async function dueScheduledIds(sql: Sql, now: string, limit: number): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM reminders WHERE status = 'scheduled' AND send_at <= ? ORDER BY send_at LIMIT ${Math.floor(limit)}`,
    [normalInstant(now)],
  );
  return rows.map((r) => r.id);
}

/**
 * A page of the reminders in one unfinished status ('scheduled', or 'sending'
 * by a worker that may have stopped) whose outbox row was relayed, in
 * (send_at, id) order after a cursor: the ones whose jobs should be in Redis.
 * Rows still waiting in the outbox are the relay's to queue. One status per
 * query, so the page is read along the (status, send_at) index and only ties
 * of send_at are sorted: a page costs the same on the first and the last.
 */
export async function relayedRemindersPage(
  sql: Sql,
  status: Extract<ReminderStatus, 'scheduled' | 'sending'>,
  after: { sendAt: string; id: string },
  limit: number,
): Promise<ReminderRow[]> {
  return sql.query<ReminderRow>(
    'SELECT r.* FROM reminders r WHERE r.status = ? AND r.send_at >= ? AND (r.send_at > ? OR r.id > ?) ' +
      'AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.job_id = r.id AND o.relayed_at IS NULL) ' +
      `ORDER BY r.send_at, r.id LIMIT ${Math.floor(limit)}`,
    [status, after.sendAt, after.sendAt, after.id],
  );
}

/** How many reminders are still to be sent, for the health check. */
export async function countScheduled(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM reminders WHERE status = 'scheduled'");
  return Number(row?.n ?? 0);
}
