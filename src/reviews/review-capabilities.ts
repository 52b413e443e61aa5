import type { Actor } from '../kernel/actor';
import { PROBE_ID, PROBE_TEXT, mayRegisterRecommendation, permits } from '../recommendations/recommendation-capabilities';
import { decideReview, type ReviewCommand, type ReviewState } from './domain/review';

export interface ReviewCapabilities {
  register: boolean;
  recordDecision: boolean;
  registerRecommendation: boolean;
}

/**
 * Which forms the review pages offer. As on the recommendation page, the UI
 * restates no rule: it asks the domain's pure `decide` with a sample command
 * and offers the form only if the answer is not a refusal; whether a
 * recommendation may be registered is the recommendations' own question.
 */
export function reviewCapabilities(state: ReviewState | null, actor: Actor): ReviewCapabilities {
  const review = (command: ReviewCommand) => permits(() => decideReview(command, state, actor));
  return {
    register: review({
      type: 'RegisterReview',
      reviewId: PROBE_ID,
      title: PROBE_TEXT,
      reviewer: PROBE_TEXT,
      reviewedOn: '2012-01-01',
      committee: PROBE_TEXT,
      diaryNumber: null,
    }),
    recordDecision: state !== null && review({ type: 'RecordReviewDecision', decisionId: PROBE_ID, text: PROBE_TEXT, meeting: null }),
    registerRecommendation: mayRegisterRecommendation(state?.id ?? PROBE_ID, actor),
  };
}
