import type { Actor } from '../../kernel/actor';
import { conflict, forbidden, notFound, requireText } from '../../kernel/domain-error';
import type { Recorded } from '../../kernel/recorded';
import type { MeetingReference } from '../../recommendations/domain/recommendation.events';

/** What registering a review records: the command carries exactly this, and decide passes it on. */
export interface ReviewRegistration {
  reviewId: string;
  title: string;
  reviewer: string;
  reviewedOn: string;
  committee: string;
  diaryNumber: string | null;
}

/** `proposed`: the administration's proposal, before the committee met (the seed's decision points). */
export interface ReviewDecisionRecord {
  decisionId: string;
  text: string;
  meeting: MeetingReference | null;
  proposed?: boolean;
}

/** The source of recommendations: a peer review, an audit, an inspection. */
export type ReviewEvent = { type: 'ReviewRegistered'; data: ReviewRegistration } | { type: 'ReviewDecisionRecorded'; data: ReviewDecisionRecord };

export type ReviewCommand = ({ type: 'RegisterReview' } & ReviewRegistration) | ({ type: 'RecordReviewDecision' } & ReviewDecisionRecord);

export interface ReviewDecision {
  id: string;
  text: string;
  meeting: MeetingReference | null;
  proposed: boolean;
  recordedAt: string;
}

export interface ReviewState {
  id: string;
  title: string;
  reviewer: string;
  reviewedOn: string;
  committee: string;
  diaryNumber: string | null;
  decisions: ReviewDecision[];
  version: number;
  lastChangedAt: string;
}

export const REVIEW_STREAM_PREFIX = 'review-';
export const reviewStreamId = (id: string) => `${REVIEW_STREAM_PREFIX}${id}`;
export const REVIEW_EVENT_TYPES: readonly ReviewEvent['type'][] = ['ReviewRegistered', 'ReviewDecisionRecorded'];

export function evolveReview(state: ReviewState | null, event: Recorded<ReviewEvent>): ReviewState {
  switch (event.type) {
    case 'ReviewRegistered': {
      const { reviewId, ...rest } = event.data;
      return { id: reviewId, ...rest, decisions: [], version: 1, lastChangedAt: event.occurredAt };
    }
    case 'ReviewDecisionRecorded': {
      if (!state) throw new Error('ReviewDecisionRecorded before ReviewRegistered');
      const { decisionId, text, meeting, proposed } = event.data;
      return {
        ...state,
        decisions: [...state.decisions, { id: decisionId, text, meeting, proposed: proposed ?? false, recordedAt: event.occurredAt }],
        version: state.version + 1,
        lastChangedAt: event.occurredAt,
      };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown review event ${(unknown as { type: string }).type}`);
    }
  }
}

export function decideReview(command: ReviewCommand, state: ReviewState | null, actor: Actor): ReviewEvent[] {
  if (actor.role !== 'secretary' && actor.role !== 'admin') {
    throw forbidden(`The role ${actor.role} may not register reviews or record their decisions`);
  }
  switch (command.type) {
    case 'RegisterReview': {
      if (state) throw conflict(`Review ${command.reviewId} already exists`);
      for (const field of ['title', 'reviewer', 'committee'] as const) requireText(field, command[field]);
      const { type: _type, ...data } = command;
      return [{ type: 'ReviewRegistered', data }];
    }
    case 'RecordReviewDecision': {
      if (!state) throw notFound('Review not found');
      requireText('text', command.text);
      if (command.meeting) requireText('meeting.body', command.meeting.body);
      const { type: _type, ...data } = command;
      return [{ type: 'ReviewDecisionRecorded', data }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`Unknown review command ${(unknown as { type: string }).type}`);
    }
  }
}
