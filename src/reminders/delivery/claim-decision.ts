import { FINAL_STATUSES, type ReminderStatus } from '../reminder-table';

/** A job that starts this early (the clock was set back) waits again instead of sending. */
export const EARLY_TOLERANCE_MS = 1000;
/**
 * How long a claim protects a reminder being sent. Longer than a slow SMTP
 * exchange (the mailer times out each step after 15 s); after it, whoever
 * held the claim has stopped.
 */
export const CLAIM_LEASE_MS = 2 * 60 * 1000;

export type ClaimDecision =
  | { type: 'missing' }
  | { type: 'done'; status: ReminderStatus }
  | { type: 'early'; waitMs: number }
  | { type: 'busy'; waitMs: number }
  | { type: 'claim' }
  | { type: 'interrupted'; claimedAt: string };

/**
 * What a job does with its reminder row, decided under the write lock.
 *
 * Delivery is at most once. A row is claimed ('sending') before the mail goes
 * out and finished ('sent') after. If the process dies between the two, no one
 * knows whether the mail left; rather than risk a second copy, the next
 * attempt to find the claim expired records the reminder as failed, saying
 * so, where a secretary sees it in GET /reminders?status=failed and the
 * history.
 */
export function claimDecision(
  row: { status: ReminderStatus; send_at: string; claimed_at: string | null } | null,
  now: string,
  leaseMs = CLAIM_LEASE_MS,
): ClaimDecision {
  if (!row) return { type: 'missing' };
  if (FINAL_STATUSES.includes(row.status)) return { type: 'done', status: row.status };
  const early = Date.parse(row.send_at) - Date.parse(now);
  if (early > EARLY_TOLERANCE_MS) return { type: 'early', waitMs: early };
  if (row.status === 'sending') {
    const held = Date.parse(now) - Date.parse(row.claimed_at ?? now);
    if (held < leaseMs) return { type: 'busy', waitMs: leaseMs - held };
    return { type: 'interrupted', claimedAt: row.claimed_at ?? now };
  }
  return { type: 'claim' };
}
