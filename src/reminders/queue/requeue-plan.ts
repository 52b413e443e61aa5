import type { Reminder } from '../domain/reminder-plan';
import { relayDelay } from './relay-delay';

/** Where a page of the reconciliation ends: reminders are walked in (send_at, id) order, soonest first. */
export interface ReconcileCursor {
  sendAt: string;
  id: string;
}

/** Before the first reminder: every stored instant and id sorts after the empty string. */
export const FIRST_PAGE: ReconcileCursor = { sendAt: '', id: '' };

/** The cursor after a page, or null when the page was the last one (shorter than asked for). */
export function nextCursor(page: readonly Reminder[], pageSize: number): ReconcileCursor | null {
  if (page.length < pageSize) return null;
  const last = page[page.length - 1];
  return { sendAt: last.sendAt, id: last.id };
}

/** One reply of a Redis pipeline as ioredis gives it: the command's error or its result. */
export type PipelineReply = [Error | null, unknown];

/** The fields of a job's hash the reconciliation reads, in this order: every job has the first, finished ones the second. */
export const JOB_FIELDS = ['timestamp', 'finishedOn'] as const;

export interface RequeueJob {
  name: string;
  data: Reminder;
  opts: { jobId: string; delay: number };
}

export interface RequeuePlan {
  /** Reminders whose job Redis does not have: added again under the reminder id, waiting until the send time. */
  add: RequeueJob[];
  /** Reminders whose job finished (completed, or failed after its last attempt) though the database has not recorded them: retried. */
  retry: Reminder[];
}

/**
 * What to do for a page of unfinished reminders, given the reply of
 * `HMGET <job key> timestamp finishedOn` for each (in the same order). A job
 * in Redis that has not finished is left alone: it is waiting, delayed or
 * running, and its worker records the outcome. A reply that is an error fails
 * the whole page rather than guess: a job wrongly taken for present would
 * leave its reminder unsent, and the page is tried again on the next run.
 */
export function requeuePlan(page: readonly Reminder[], replies: readonly PipelineReply[] | null, now: Date, name: string): RequeuePlan {
  if (!replies || replies.length !== page.length) {
    throw new Error(`Redis answered ${replies?.length ?? 0} of ${page.length} job lookups`);
  }
  const plan: RequeuePlan = { add: [], retry: [] };
  page.forEach((reminder, i) => {
    const [error, result] = replies[i];
    if (error) throw error;
    const [createdAt, finishedOn] = Array.isArray(result) ? result : [null, null];
    if (createdAt === null || createdAt === undefined) {
      plan.add.push({ name, data: reminder, opts: { jobId: reminder.id, delay: relayDelay(reminder.sendAt, now) } });
    } else if (finishedOn !== null && finishedOn !== undefined) {
      plan.retry.push(reminder);
    }
  });
  return plan;
}
