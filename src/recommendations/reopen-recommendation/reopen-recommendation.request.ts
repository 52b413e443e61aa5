import type { ReasonRequest } from '../committee.request';
import type { RecommendationCommand } from '../domain/recommendation.decide';

/** Reopening asks only why: the request is the shared ReasonRequest. */
export const toReopenRecommendation = (r: ReasonRequest): RecommendationCommand => ({ type: 'ReopenRecommendation', reason: r.reason });
