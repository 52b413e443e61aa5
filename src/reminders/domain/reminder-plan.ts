import { createHash } from 'node:crypto';
import type { CycleState, Milestone } from '../../cycles/domain/cycle';
import {
  isOverdue,
  OPEN_ACTION_STATUSES,
  type ActionState,
  type ActionStatus,
  type RecommendationState,
  type RecommendationStatus,
} from '../../recommendations/domain/recommendation.state';
import { addDays, daysBetween, stockholmDate, stockholmInstant } from '../../kernel/calendar';
import { UNFINISHED_ACTION_STATUSES } from '../../recommendations/domain/recommendation.approval';
import { normalEmail } from '../../kernel/email-address';

/**
 * Which reminders should exist, and whether one still applies when its job
 * runs. Pure: the current state, the people to write to and `now` come in as
 * arguments, so the relay that queues reminders and the worker that sends them
 * decide from the same rules.
 */

export const REMINDER_KINDS = ['milestone_due', 'action_overdue', 'secretary_summary'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  /** A UUID derived from what the reminder is about, so planning twice gives the same id. */
  id: string;
  kind: ReminderKind;
  recipient: string;
  recommendationId: string | null;
  actionId: string | null;
  milestoneKey: string | null;
  cycleId: string | null;
  /** ISO instant. */
  sendAt: string;
  /** Which occurrence this is: `<milestone due date>/<n>d-before` or `<action due date>/week-<k>`. */
  dueKey: string;
}

export type ReminderCheck = { send: true } | { send: false; reason: string };

/** Reminders go out at this local hour in Stockholm. */
export const SEND_HOUR = 8;
/** A reminder this late is skipped rather than sent (an overdue notice excepted, see checkReminder). */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
export const OVERDUE_REPEAT_DAYS = 7;

/** Only a recommendation being worked on has actions to chase. */
/** The recommendations whose actions are chased: decided to be carried out, and not yet assessed. */
export const ACTIVE_STATUSES: readonly RecommendationStatus[] = ['accepted', 'in_progress'];

const isActive = (r: RecommendationState) => ACTIVE_STATUSES.includes(r.status);
const isOpen = (a: ActionState) => OPEN_ACTION_STATUSES.includes(a.status);
/** Claimed as completed: its owner is done, and the next to act is an approver (recommendation.approval.ts). */
const awaitsApproval = (a: ActionState) => a.status === 'completion_claimed';
/** Overdue notices go on while an action is open or its claim waits for approval past the due date: it is not finished. */
export const CHASED_ACTION_STATUSES: readonly ActionStatus[] = UNFINISHED_ACTION_STATUSES;
const isChased = (a: ActionState) => CHASED_ACTION_STATUSES.includes(a.status);
const pastDue = (a: ActionState, today: string) => isChased(a) && a.dueDate < today;
const sameAddress = (a: string, b: string) => normalEmail(a) === normalEmail(b);
/** Instants are compared as numbers: ISO strings with and without milliseconds do not sort alike. */
const ms = (instant: string) => Date.parse(instant);

const sendTime = (date: string) => stockholmInstant(date, SEND_HOUR);
/** The instant a milestone's period starts: Stockholm's midnight, as an ISO instant. */
export const periodStartsAt = (m: Milestone) => stockholmInstant(m.periodStart, 0);
const periodEndsAt = (m: Milestone) => stockholmInstant(addDays(m.periodEnd, 1), 0);

export const milestoneDueKey = (dueDate: string, daysBefore: number) => `${dueDate}/${daysBefore}d-before`;
export const overdueDueKey = (dueDate: string, week: number) => `${dueDate}/week-${week}`;

function parseMilestoneDueKey(dueKey: string): { dueDate: string; daysBefore: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2})\/(\d+)d-before$/.exec(dueKey);
  return m ? { dueDate: m[1], daysBefore: Number(m[2]) } : null;
}

function parseOverdueDueKey(dueKey: string): { dueDate: string; week: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2})\/week-(\d+)$/.exec(dueKey);
  return m ? { dueDate: m[1], week: Number(m[2]) } : null;
}

/**
 * A UUID (version 8, "custom", RFC 9562) from the sha256 of what identifies the
 * occurrence. The send time is left out on purpose: it follows from the due
 * key, and a queue job id built from this must not change when the plan is
 * recomputed.
 */
export function reminderId(r: Omit<Reminder, 'id' | 'sendAt'>): string {
  const key = JSON.stringify([
    r.kind,
    r.recipient.trim().toLowerCase(),
    r.recommendationId,
    r.actionId,
    r.cycleId,
    r.milestoneKey,
    r.dueKey,
  ]);
  const bytes = createHash('sha256').update(key).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const reminder = (r: Omit<Reminder, 'id'>): Reminder => ({ id: reminderId(r), ...r });

/** Milestones whose due day has not ended yet, Stockholm time. */
const upcomingMilestones = (cycle: CycleState, now: string) =>
  cycle.milestones.filter((m) => m.dueDate >= stockholmDate(now));

/** Every cycle's milestones whose due day has not ended yet: those the plan for `now` looks at. */
export const plannedMilestones = (cycles: CycleState[], now: string): Milestone[] => cycles.flatMap((c) => upcomingMilestones(c, now));

/** The milestone a reminder is about (a milestone reminder's or a summary's), if it is still in its cycle. */
export const milestoneOf = (reminder: Reminder, cycles: CycleState[]): Milestone[] =>
  cycles.find((c) => c.id === reminder.cycleId)?.milestones.filter((m) => m.key === reminder.milestoneKey) ?? [];

/**
 * The first day (YYYY-MM-DD) from which a progress update can count for these
 * milestones, null when there are none: the rules here look at progress only
 * within a milestone's period, so older updates need not be read. A day
 * before the earliest start, since a period starts at Stockholm's midnight,
 * which is the evening before in the log's UTC instants.
 */
export function progressCountsFrom(milestones: Milestone[]): string | null {
  const starts = milestones.map((m) => m.periodStart).sort();
  return starts.length > 0 ? addDays(starts[0], -1) : null;
}

/** The first progress update on or after the period's start and before `before`, if any. */
/** A retracted note (recommendation.corrections.ts) reported nothing: its owner is reminded as if it had never been written. */
const progressInPeriod = (action: ActionState, milestone: Milestone, before: string) =>
  action.updates.find((u) => !u.retracted && ms(u.at) >= ms(periodStartsAt(milestone)) && ms(u.at) < ms(before)) ?? null;

/** An action added after the period ended is not in that milestone's report. */
const inPeriod = (action: ActionState, milestone: Milestone) => ms(action.addedAt) < ms(periodEndsAt(milestone));

const milestoneReminder = (rec: RecommendationState, action: ActionState, recipient: string, cycle: CycleState, milestone: Milestone, daysBefore: number, sendAt: string) =>
  reminder({
    kind: 'milestone_due',
    recipient,
    recommendationId: rec.id,
    actionId: action.id,
    milestoneKey: milestone.key,
    cycleId: cycle.id,
    sendAt,
    dueKey: milestoneDueKey(milestone.dueDate, daysBefore),
  });

/** Owner first, then the heads of the action's unit, each address once; a claimed action's notices go to the heads alone, who must approve it. */
function overdueRecipients(action: ActionState, unitHeads: Record<string, string[]>): string[] {
  const recipients = awaitsApproval(action) ? [] : [action.ownerEmail];
  for (const head of unitHeads[action.responsibleUnit] ?? []) {
    if (!recipients.some((r) => sameAddress(r, head))) recipients.push(head);
  }
  return recipients;
}

/** Weekly overdue notices: week 0 is 08:00 the day after the due date, week k seven days later each. */
const overdueSendAt = (dueDate: string, week: number) => sendTime(addDays(dueDate, 1 + OVERDUE_REPEAT_DAYS * week));

/**
 * The weeks to plan for an action due on `dueDate`. Before the first notice,
 * that one. After it, the week whose notice has most recently come due (so an
 * action found overdue late gets one notice at once, never a backlog; its id
 * is the same on every replanning, so a relay that keeps the ids it has
 * queued queues it once) and the week after,
 * so the weekly chain goes on without anyone having to replan at 08:00.
 */
function overdueWeeks(dueDate: string, now: string): number[] {
  const firstDay = addDays(dueDate, 1);
  if (ms(now) <= ms(sendTime(firstDay))) return [0];
  let week = Math.floor(daysBetween(firstDay, stockholmDate(now)) / OVERDUE_REPEAT_DAYS);
  if (ms(overdueSendAt(dueDate, week)) > ms(now)) week -= 1;
  return [week, week + 1];
}

const byTimeThenId = (a: Reminder, b: Reminder) => ms(a.sendAt) - ms(b.sendAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function distinct(reminders: Reminder[]): Reminder[] {
  const byId = new Map(reminders.map((r) => [r.id, r]));
  return [...byId.values()].sort(byTimeThenId);
}

export interface PlanRemindersInput {
  recommendation: RecommendationState;
  cycles: CycleState[];
  /** unit -> the email addresses of its heads */
  unitHeads: Record<string, string[]>;
  now: string;
}

/**
 * The reminders that should exist for one recommendation from `now` on.
 *
 * A milestone reminder whose send time has already passed is still planned
 * (as long as the milestone is ahead): the worker then skips it as stale and
 * the skip is recorded, which is how a cycle loaded late shows up in the
 * history instead of as a burst of old mail. One whose send time is before the
 * action existed never applied and is left out.
 */
export function planReminders(input: PlanRemindersInput): Reminder[] {
  const { recommendation: rec, now } = input;
  if (!isActive(rec)) return [];
  const open = rec.actions.filter(isOpen);
  const planned: Reminder[] = [];

  for (const cycle of input.cycles) {
    for (const milestone of upcomingMilestones(cycle, now)) {
      for (const daysBefore of cycle.reminderDaysBefore) {
        const sendAt = sendTime(addDays(milestone.dueDate, -daysBefore));
        for (const action of open) {
          if (!inPeriod(action, milestone) || ms(sendAt) < ms(action.addedAt)) continue;
          if (progressInPeriod(action, milestone, sendAt)) continue;
          planned.push(milestoneReminder(rec, action, action.ownerEmail, cycle, milestone, daysBefore, sendAt));
        }
        // A claim waiting before a report: the heads are asked to approve it (or send it back) in time, whatever progress there was.
        for (const action of rec.actions.filter(awaitsApproval)) {
          if (!inPeriod(action, milestone) || ms(sendAt) < ms(action.claim?.at ?? action.addedAt)) continue;
          for (const head of input.unitHeads[action.responsibleUnit] ?? []) planned.push(milestoneReminder(rec, action, head, cycle, milestone, daysBefore, sendAt));
        }
      }
    }
  }

  for (const action of rec.actions.filter(isChased)) {
    for (const week of overdueWeeks(action.dueDate, now)) {
      for (const recipient of overdueRecipients(action, input.unitHeads)) {
        planned.push(
          reminder({
            kind: 'action_overdue',
            recipient,
            recommendationId: rec.id,
            actionId: action.id,
            milestoneKey: null,
            cycleId: null,
            sendAt: overdueSendAt(action.dueDate, week),
            dueKey: overdueDueKey(action.dueDate, week),
          }),
        );
      }
    }
  }

  return distinct(planned);
}

export interface PlanSecretarySummariesInput {
  recommendations: RecommendationState[];
  cycles: CycleState[];
  secretaries: string[];
  now: string;
}

/**
 * One summary per secretary per upcoming milestone, at the earliest reminder
 * (the largest number of days before the due date), so the secretary sees the
 * state while there is still time to chase it. Nothing is planned while no
 * recommendation is being worked on: there would be nothing to summarize.
 */
export function planSecretarySummaries(input: PlanSecretarySummariesInput): Reminder[] {
  if (!input.recommendations.some(isActive)) return [];
  const planned: Reminder[] = [];
  for (const cycle of input.cycles) {
    if (cycle.reminderDaysBefore.length === 0) continue;
    const daysBefore = Math.max(...cycle.reminderDaysBefore);
    for (const milestone of upcomingMilestones(cycle, input.now)) {
      for (const secretary of input.secretaries) {
        planned.push(
          reminder({
            kind: 'secretary_summary',
            recipient: secretary,
            recommendationId: null,
            actionId: null,
            milestoneKey: milestone.key,
            cycleId: cycle.id,
            sendAt: sendTime(addDays(milestone.dueDate, -daysBefore)),
            dueKey: milestoneDueKey(milestone.dueDate, daysBefore),
          }),
        );
      }
    }
  }
  return distinct(planned);
}

export interface SummaryItem {
  recommendationId: string;
  code: string;
  recommendationTitle: string;
  actionId: string;
  actionTitle: string;
  ownerEmail: string;
  dueDate: string;
}

export interface MilestoneSummary {
  overdue: SummaryItem[];
  notReported: SummaryItem[];
  /** Claimed as completed, waiting for a second person to approve or send back (recommendation.approval.ts). */
  awaitingApproval: SummaryItem[];
}

/** Swedish order, made once: a localeCompare with a locale makes a collator per comparison. */
const CODES = new Intl.Collator('sv');

/** What the secretary summary says: open actions past their due date, those with no progress in the period, and claims waiting for approval. */
export function summarizeMilestone(
  recommendations: RecommendationState[],
  milestone: Milestone,
  now: string,
): MilestoneSummary {
  const today = stockholmDate(now);
  const summary: MilestoneSummary = { overdue: [], notReported: [], awaitingApproval: [] };
  const ordered = recommendations.filter(isActive).sort((a, b) => CODES.compare(a.code, b.code));
  for (const rec of ordered) {
    for (const action of rec.actions.filter(isChased)) {
      const item: SummaryItem = {
        recommendationId: rec.id,
        code: rec.code,
        recommendationTitle: rec.title,
        actionId: action.id,
        actionTitle: action.title,
        ownerEmail: action.ownerEmail,
        dueDate: action.dueDate,
      };
      if (awaitsApproval(action)) {
        summary.awaitingApproval.push(item);
        continue;
      }
      if (isOverdue(action, today)) summary.overdue.push(item);
      if (inPeriod(action, milestone) && !progressInPeriod(action, milestone, now)) summary.notReported.push(item);
    }
  }
  return summary;
}

export interface CurrentState {
  recommendation: RecommendationState | null;
  cycles: CycleState[];
  /** unit -> the email addresses of its heads, as they are now */
  unitHeads: Record<string, string[]>;
  /** the secretaries' email addresses, as they are now */
  secretaries: string[];
}

const skip = (reason: string): ReminderCheck => ({ send: false, reason });
const SEND: ReminderCheck = { send: true };

function staleness(reminder: Reminder, now: string): ReminderCheck {
  return ms(now) - ms(reminder.sendAt) > STALE_AFTER_MS
    ? skip(`stale: due ${reminder.sendAt}, now ${now}`)
    : SEND;
}

type Found<T> = { ok: true; value: T } | { ok: false; check: ReminderCheck };

function openAction(reminder: Reminder, rec: RecommendationState | null, chased: (a: ActionState) => boolean = isOpen): Found<ActionState> {
  if (!rec) return { ok: false, check: skip('recommendation not found') };
  if (!isActive(rec)) return { ok: false, check: skip(`recommendation ${rec.code} is ${rec.status}`) };
  const action = rec.actions.find((a) => a.id === reminder.actionId);
  if (!action) return { ok: false, check: skip(`action ${reminder.actionId} not found`) };
  if (!chased(action)) return { ok: false, check: skip(`action is ${action.status}`) };
  return { ok: true, value: action };
}

function scheduledMilestone(reminder: Reminder, cycles: CycleState[]): Found<{ cycle: CycleState; milestone: Milestone }> {
  const cycle = cycles.find((c) => c.id === reminder.cycleId);
  if (!cycle) return { ok: false, check: skip(`planning cycle ${reminder.cycleId} not found`) };
  const milestone = cycle.milestones.find((m) => m.key === reminder.milestoneKey);
  if (!milestone) return { ok: false, check: skip(`milestone ${reminder.milestoneKey} is no longer in ${cycle.name}`) };
  const planned = parseMilestoneDueKey(reminder.dueKey);
  if (!planned) return { ok: false, check: skip(`unrecognized due key ${reminder.dueKey}`) };
  if (planned.dueDate !== milestone.dueDate) {
    return { ok: false, check: skip(`milestone ${milestone.key} moved from ${planned.dueDate} to ${milestone.dueDate}`) };
  }
  const wanted =
    reminder.kind === 'secretary_summary'
      ? cycle.reminderDaysBefore.length > 0 && planned.daysBefore === Math.max(...cycle.reminderDaysBefore)
      : cycle.reminderDaysBefore.includes(planned.daysBefore);
  if (!wanted) {
    return { ok: false, check: skip(`a reminder ${planned.daysBefore} days before is no longer configured`) };
  }
  return { ok: true, value: { cycle, milestone } };
}

function checkMilestoneDue(reminder: Reminder, current: CurrentState, now: string): ReminderCheck {
  const action = openAction(reminder, current.recommendation, isChased);
  if (!action.ok) return action.check;
  if (awaitsApproval(action.value)) {
    // Claimed: the approval is what the report waits for, so only the heads are reminded, whatever progress there was.
    if (!(current.unitHeads[action.value.responsibleUnit] ?? []).some((h) => sameAddress(h, reminder.recipient))) {
      return skip('completion claimed: the approval is up to the head of the unit, not the owner');
    }
    const scheduled = scheduledMilestone(reminder, current.cycles);
    return scheduled.ok ? staleness(reminder, now) : scheduled.check;
  }
  if (!sameAddress(action.value.ownerEmail, reminder.recipient)) {
    return skip(`recipient is no longer the owner (now ${action.value.ownerEmail})`);
  }
  const scheduled = scheduledMilestone(reminder, current.cycles);
  if (!scheduled.ok) return scheduled.check;
  const { milestone } = scheduled.value;
  const progress = progressInPeriod(action.value, milestone, now);
  if (progress) return skip(`progress reported ${progress.at}, in the period from ${milestone.periodStart}`);
  return staleness(reminder, now);
}

/**
 * An overdue notice is the exception to the staleness rule: if the action is
 * still overdue, a late notice is sent once, because that is what the owner
 * needs to know now. It is skipped only once the next weekly notice has come
 * due, as that one carries the same message.
 */
function checkActionOverdue(reminder: Reminder, current: CurrentState, now: string): ReminderCheck {
  const found = openAction(reminder, current.recommendation, isChased);
  if (!found.ok) return found.check;
  const action = found.value;
  const planned = parseOverdueDueKey(reminder.dueKey);
  if (!planned) return skip(`unrecognized due key ${reminder.dueKey}`);
  if (planned.dueDate !== action.dueDate) return skip(`due date moved from ${planned.dueDate} to ${action.dueDate}`);
  if (!pastDue(action, stockholmDate(now))) return skip(`not overdue: due ${action.dueDate}`);
  const isOwner = sameAddress(action.ownerEmail, reminder.recipient);
  const isHead = (current.unitHeads[action.responsibleUnit] ?? []).some((h) => sameAddress(h, reminder.recipient));
  if (awaitsApproval(action) && !isHead) return skip('completion claimed: the approval is up to the head of the unit, not the owner');
  if (!isOwner && !isHead) {
    return skip(`recipient is neither the owner nor a head of unit ${action.responsibleUnit}`);
  }
  const next = overdueSendAt(planned.dueDate, planned.week + 1);
  if (ms(now) >= ms(next)) {
    // Not "the notice due <next>": after a long stop the plan holds only the latest week's, not every week between.
    return skip(`stale: due ${reminder.sendAt}, now ${now}: a week or more late, and a later weekly notice (the next from ${next}) says the same`);
  }
  return SEND;
}

function checkSecretarySummary(reminder: Reminder, current: CurrentState, now: string): ReminderCheck {
  if (!current.secretaries.some((s) => sameAddress(s, reminder.recipient))) {
    return skip('recipient is no longer a secretary');
  }
  const scheduled = scheduledMilestone(reminder, current.cycles);
  if (!scheduled.ok) return scheduled.check;
  return staleness(reminder, now);
}

/** Re-checks a reminder against the state as it is when its job runs. */
export function checkReminder(reminder: Reminder, current: CurrentState, now: string): ReminderCheck {
  switch (reminder.kind) {
    case 'milestone_due':
      return checkMilestoneDue(reminder, current, now);
    case 'action_overdue':
      return checkActionOverdue(reminder, current, now);
    case 'secretary_summary':
      return checkSecretarySummary(reminder, current, now);
    default: {
      const unknown: never = reminder.kind;
      throw new Error(`Unknown reminder kind ${String(unknown)}`);
    }
  }
}
