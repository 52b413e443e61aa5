import type { ReasonRequest } from '../committee.request';
import type { RecommendationCommand } from '../domain/recommendation.decide';

/** Cancelling asks only why: the request is the shared ReasonRequest. */
export const toCancelAction = (actionId: string, r: ReasonRequest): RecommendationCommand => ({ type: 'CancelAction', actionId, reason: r.reason });
