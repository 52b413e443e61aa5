import type { Actor } from '../kernel/actor';
import { DomainError } from '../kernel/domain-error';
import { decide } from '../recommendations/domain/recommendation.decide';
import type { RecommendationFacts } from '../recommendations/domain/recommendation.facts';
import { decideReview, type ReviewCommand, type ReviewState } from './domain/review';

/**
 * Which forms the review pages offer. As on the recommendation page, the UI
 * restates no rule: it asks the domain's pure `decide` with a sample command
 * and offers the form only if the answer is not a refusal.
 */
const permits = (run: () => unknown): boolean => {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
};

const PROBE_TEXT = 'probe';
const PROBE_ID = '00000000-0000-4000-8000-000000000000';

/** Facts that refuse nothing: the probe asks about the actor; the unit or code a form names is checked when it is sent. */
const PROBE_FACTS: RecommendationFacts = { unitExists: { exists: true }, reviewExists: true, codeTaken: false, ownerIsActiveIn: true };

export interface ReviewCapabilities {
  register: boolean;
  recordDecision: boolean;
  registerRecommendation: boolean;
}

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
    registerRecommendation: permits(() =>
      decide(
        {
          type: 'RegisterRecommendation',
          recommendationId: PROBE_ID,
          reviewId: state?.id ?? PROBE_ID,
          code: 'R0',
          title: PROBE_TEXT,
          text: PROBE_TEXT,
          textEn: null,
          responsibleUnit: 'sfi',
        },
        null,
        actor,
        PROBE_FACTS,
      ),
    ),
  };
}
