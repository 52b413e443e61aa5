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

export interface RequeueJob {
  name: string;
  data: Reminder;
  opts: { jobId: string; delay: number };
}

/**
 * The jobs to add again for a page of unfinished reminders, given the reply
 * of `EXISTS <job key>` for each (in the same order): those whose job is not
 * in Redis, with the reminder id as job id and the delay left until its send
 * time. A reply that is an error fails the whole page rather than guess: a
 * job wrongly taken for present would leave its reminder unsent, and the page
 * is tried again on the next run.
 */
export function jobsToRequeue(page: readonly Reminder[], exists: readonly PipelineReply[] | null, now: Date, name: string): RequeueJob[] {
  if (!exists || exists.length !== page.length) {
    throw new Error(`Redis answered ${exists?.length ?? 0} of ${page.length} job lookups`);
  }
  const jobs: RequeueJob[] = [];
  page.forEach((reminder, i) => {
    const [error, result] = exists[i];
    if (error) throw error;
    if (Number(result) === 0) {
      jobs.push({ name, data: reminder, opts: { jobId: reminder.id, delay: relayDelay(reminder.sendAt, now) } });
    }
  });
  return jobs;
}
