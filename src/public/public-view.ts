import type { RecommendationDetail } from '../recommendations/recommendation.views';

export interface PublicAction {
  title: string;
  status: string;
  progressPercent: number;
  dueDate: string;
  overdue: boolean;
}

export interface PublicRecommendation {
  code: string;
  title: string;
  text: string;
  textEn: string | null;
  status: string;
  progressPercent: number;
  decidedOn: string | null;
  actions: PublicAction[];
}

const EMAIL = /[^\s@<>()"',;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Staff write free text; an address typed into a title must not reach the public page. */
export const redactEmails = (text: string, replacement: string): string => text.replace(EMAIL, replacement);

/**
 * What the public page may show of a recommendation: what was decided and
 * what the city has done, by whom never. Built field by field from an
 * allow-list, so an owner, an author or a note added to the API view later
 * does not leak here by default.
 */
export function toPublicRecommendation(detail: RecommendationDetail, redacted: string): PublicRecommendation {
  const clean = (text: string) => redactEmails(text, redacted);
  return {
    code: detail.code,
    title: clean(detail.title),
    text: clean(detail.text),
    textEn: detail.textEn ? clean(detail.textEn) : null,
    status: detail.status,
    progressPercent: detail.progressPercent,
    decidedOn: detail.decision ? detail.decision.decidedAt.slice(0, 10) : null,
    actions: detail.actions.map((a) => ({ title: clean(a.title), status: a.status, progressPercent: a.progressPercent, dueDate: a.dueDate, overdue: a.overdue })),
  };
}
