import { evolveCycle, type CycleState, CYCLE_STREAM_PREFIX } from '../cycles/domain/cycle';
import { RECOMMENDATION_STREAM_PREFIX } from '../recommendations/domain/recommendation.events';
import { evolve as evolveRecommendation, type RecommendationState } from '../recommendations/domain/recommendation.state';
import { evolveReview, REVIEW_STREAM_PREFIX, type ReviewState } from '../reviews/domain/review';
import type { StateProjection } from './projection';

export const reviewsProjection: StateProjection<ReviewState> = {
  name: 'reviews',
  table: 'rm_reviews',
  streamPrefix: REVIEW_STREAM_PREFIX,
  evolve: evolveReview as StateProjection<ReviewState>['evolve'],
  row: (s) => ({ id: s.id, reviewed_on: s.reviewedOn, title: s.title, state: JSON.stringify(s) }),
};

export const recommendationsProjection: StateProjection<RecommendationState> = {
  name: 'recommendations',
  table: 'rm_recommendations',
  streamPrefix: RECOMMENDATION_STREAM_PREFIX,
  evolve: evolveRecommendation as StateProjection<RecommendationState>['evolve'],
  row: (s) => ({
    id: s.id,
    review_id: s.reviewId,
    code: s.code,
    status: s.status,
    responsible_unit: s.responsibleUnit,
    state: JSON.stringify(s),
  }),
};

export const cyclesProjection: StateProjection<CycleState> = {
  name: 'cycles',
  table: 'rm_cycles',
  streamPrefix: CYCLE_STREAM_PREFIX,
  evolve: evolveCycle as StateProjection<CycleState>['evolve'],
  row: (s) => ({ id: s.id, year: s.year, name: s.name, state: JSON.stringify(s) }),
};

export const READ_MODELS: StateProjection[] = [reviewsProjection, recommendationsProjection, cyclesProjection];

