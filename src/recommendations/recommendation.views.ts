import {
  isOverdue,
  OPEN_ACTION_STATUSES,
  progressOf,
  type ActionState,
  type ProgressUpdate,
  type RecommendationState,
} from './domain/recommendation.state';

/** How many updates each action carries in the detail and in write responses; `GET …/actions/:actionId/updates` pages them all. */
export const LATEST_UPDATES = 20;

/**
 * An action as read from the rows: `updates` holds only its latest ones (the
 * detail) or none (the projector's memory of what is written), and
 * `updateCount` how many it has in all. A folded state has every update and
 * no count.
 */
export type ActionWithCount = ActionState & { updateCount?: number };

/** How the API shows a recommendation. Derived values (overdue, progress) are computed here, for the day asked about. */
export function toSummary(s: RecommendationState, today: string) {
  return {
    id: s.id,
    reviewId: s.reviewId,
    code: s.code,
    title: s.title,
    status: s.status,
    responsibleUnit: s.responsibleUnit,
    progressPercent: progressOf(s),
    actionCount: s.actions.length,
    openActionCount: s.actions.filter((a) => OPEN_ACTION_STATUSES.includes(a.status)).length,
    overdueActionCount: s.actions.filter((a) => isOverdue(a, today)).length,
    lastChangedAt: s.lastChangedAt,
    version: s.version,
  };
}

/**
 * A progress note as the API shows it: its `id` (its number among the action's notes, from 1, which
 * `…/progress/:updateId/retract` names) and whether it was retracted; a whole state's notes are numbered by place.
 */
export const toUpdateView = (u: ProgressUpdate, index: number) => {
  const { seq, retracted, ...rest } = u;
  return { id: seq ?? index + 1, ...rest, retracted: retracted ? { at: retracted.at, by: retracted.by, reason: retracted.reason } : null };
};

/**
 * The latest LATEST_UPDATES of an action's updates as the API shows them, numbered by their place
 * among all of them: taken before they are shown, so a write's answer costs the same however many
 * notes the action has (a folded state holds them all; at 5,000 each answer showed all 5,000).
 */
const latestUpdateViews = (updates: ProgressUpdate[]) => {
  const from = Math.max(0, updates.length - LATEST_UPDATES);
  return updates.slice(from).map((u, i) => toUpdateView(u, from + i));
};

export const toActionView = (a: ActionWithCount, today: string) => ({
  id: a.id,
  title: a.title,
  description: a.description,
  responsibleUnit: a.responsibleUnit,
  ownerEmail: a.ownerEmail,
  dueDate: a.dueDate,
  originalDueDate: a.originalDueDate,
  status: a.status,
  progressPercent: a.progressPercent,
  overdue: isOverdue(a, today),
  /** A pending claim of completion `{ by, at, note }`, null without one: it counts once someone else approves it. */
  claim: a.claim ?? null,
  updates: latestUpdateViews(a.updates),
  /** What the public page shows of this action: null until a secretary publishes a summary. */
  publicSummary: a.publicSummary ?? null,
});

/** The detail's action: its latest updates, and how many there are to page through. */
const toDetailAction = (a: ActionWithCount, today: string) => ({ ...toActionView(a, today), updateCount: a.updateCount ?? a.updates.length });

export function toDetail(s: RecommendationState, today: string) {
  return {
    ...toSummary(s, today),
    text: s.text,
    textEn: s.textEn,
    decision: s.decision,
    assessment: s.assessment,
    actions: s.actions.map((a) => toDetailAction(a, today)),
    /** What the public page shows besides the committee's decision: null until a secretary publishes a summary. */
    publicSummary: s.publicSummary ?? null,
  };
}

export type RecommendationSummary = ReturnType<typeof toSummary>;
export type RecommendationDetail = ReturnType<typeof toDetail>;

/** One page of a list: what the API sends as the body, `X-Total-Count` and `X-Next-After`. */
export interface Page<T> {
  items: T[];
  /** How many there are in all (matching the filter), on every page. */
  total: number;
  /** The cursor of the next page, null on the last. */
  nextAfter: string | null;
}

/** Swedish order with numbers as numbers, made once: a localeCompare with a locale makes a collator per comparison (~30 µs). */
const CODES = new Intl.Collator('sv', { numeric: true });

/** R2 before R10. */
export const byCode = (a: { code: string }, b: { code: string }) => CODES.compare(a.code, b.code);
