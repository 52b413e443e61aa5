import type { ReasonRequest } from '../committee.request';
import type { RecommendationCommand } from '../domain/recommendation.decide';

/** Sending back asks only why: the request is the shared ReasonRequest. */
export const toSendBackCompletion = (actionId: string, r: ReasonRequest): RecommendationCommand => ({ type: 'SendBackCompletion', actionId, reason: r.reason });
