import type { StateProjection } from '../projections/projection';
import { evolveReview, REVIEW_STREAM_PREFIX, type ReviewState } from './domain/review';

/** The reviews read model: one row per review, with the columns its lists sort by. */
export const reviewsProjection: StateProjection<ReviewState> = {
  name: 'reviews',
  table: 'rm_reviews',
  streamPrefix: REVIEW_STREAM_PREFIX,
  evolve: evolveReview as StateProjection<ReviewState>['evolve'],
  row: (s) => ({ id: s.id, reviewed_on: s.reviewedOn, title: s.title, state: JSON.stringify(s) }),
};
