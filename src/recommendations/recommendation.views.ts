import {
  isOverdue,
  OPEN_ACTION_STATUSES,
  progressOf,
  type ActionState,
  type RecommendationState,
} from './domain/recommendation.state';

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

export const toActionView = (a: ActionState, today: string) => ({
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
  updates: a.updates,
});

export function toDetail(s: RecommendationState, today: string) {
  return {
    ...toSummary(s, today),
    text: s.text,
    textEn: s.textEn,
    decision: s.decision,
    assessment: s.assessment,
    actions: s.actions.map((a) => toActionView(a, today)),
  };
}

export type RecommendationSummary = ReturnType<typeof toSummary>;
export type RecommendationDetail = ReturnType<typeof toDetail>;

/** R2 before R10. */
export const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'sv', { numeric: true });
