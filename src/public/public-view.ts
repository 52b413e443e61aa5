import type { MeetingReference } from '../recommendations/domain/recommendation.events';
import type { RecommendationDetail } from '../recommendations/recommendation.views';

/** A summary a secretary published, as the public sees it: the text, not who wrote it. */
export interface PublicSummary {
  text: string;
  textEn: string | null;
  publishedAt: string;
}

/** An action, known to the public only by the summary published of it. */
export interface PublicAction {
  summary: PublicSummary;
  status: string;
  progressPercent: number;
  dueDate: string;
  overdue: boolean;
}

/** What the committee decided, as its minutes record it. */
export interface PublicDecision {
  outcome: string;
  reason: string;
  meeting: MeetingReference | null;
  decidedOn: string;
}

export interface PublicRecommendation {
  reviewId: string;
  code: string;
  title: string;
  text: string;
  textEn: string | null;
  status: string;
  progressPercent: number;
  decision: PublicDecision | null;
  summary: PublicSummary | null;
  actions: PublicAction[];
  /** Actions under way whose summary is not published yet: counted, never described. */
  unpublishedActionCount: number;
}

/** An address, also written with a full-width or small at sign or dot (＠, ﹫, ．), which a reader takes for one all the same. */
const EMAIL = /[^\s@\uFF20\uFE6B<>()"',;:]+[@\uFF20\uFE6B][A-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A-]+(?:[.\uFF0E][A-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A-]+)+/g;

/**
 * The decision's reason and meeting were typed before the public page showed them (it showed only the
 * decision's date): an address typed into them then must not reach the public now.
 */
export const redactEmails = (text: string, replacement: string): string => text.replace(EMAIL, replacement);

/** The meeting's words were typed by staff too: an address in its body, paragraph or diary number is taken out as in the reason. */
const publicMeeting = (meeting: MeetingReference | null, redacted: string): MeetingReference | null =>
  meeting && (Object.fromEntries(Object.entries(meeting).map(([key, value]) => [key, typeof value === 'string' ? redactEmails(value, redacted) : value])) as unknown as MeetingReference);

const published = (s: { text: string; textEn: string | null; publishedAt: string } | null | undefined): PublicSummary | null =>
  s ? { text: s.text, textEn: s.textEn, publishedAt: s.publishedAt } : null;

/**
 * What the public may see of a recommendation, built field by field from an
 * allow-list: the source document's code, title and text, the status and the
 * progress, the committee's decision, and the summaries a secretary published.
 * Nothing staff typed (action titles and descriptions, notes, owners) is here:
 * it reaches the public only as a summary someone chose to publish, so no
 * pattern has to guess what a name looks like. Cancelled actions are left out.
 */
export function toPublicRecommendation(detail: RecommendationDetail, redacted: string): PublicRecommendation {
  const counted = detail.actions.filter((a) => a.status !== 'cancelled');
  const decision = detail.decision;
  return {
    reviewId: detail.reviewId,
    code: detail.code,
    title: detail.title,
    text: detail.text,
    textEn: detail.textEn,
    status: detail.status,
    progressPercent: detail.progressPercent,
    decision: decision
      ? { outcome: decision.decision, reason: redactEmails(decision.reason, redacted), meeting: publicMeeting(decision.meeting, redacted), decidedOn: decision.decidedAt.slice(0, 10) }
      : null,
    summary: published(detail.publicSummary),
    actions: counted.flatMap((a) => {
      const summary = published(a.publicSummary);
      return summary ? [{ summary, status: a.status, progressPercent: a.progressPercent, dueDate: a.dueDate, overdue: a.overdue }] : [];
    }),
    unpublishedActionCount: counted.filter((a) => !a.publicSummary).length,
  };
}
