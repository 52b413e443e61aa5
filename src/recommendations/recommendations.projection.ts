import type { StateProjection } from '../projections/projection';
import { RECOMMENDATION_STREAM_PREFIX } from './domain/recommendation.events';
import { evolve, type RecommendationState } from './domain/recommendation.state';

/** The recommendations read model: one row per recommendation, with the columns its queries filter on. */
export const recommendationsProjection: StateProjection<RecommendationState> = {
  name: 'recommendations',
  table: 'rm_recommendations',
  streamPrefix: RECOMMENDATION_STREAM_PREFIX,
  evolve: evolve as StateProjection<RecommendationState>['evolve'],
  row: (s) => ({
    id: s.id,
    review_id: s.reviewId,
    code: s.code,
    status: s.status,
    responsible_unit: s.responsibleUnit,
    state: JSON.stringify(s),
  }),
};
