/**
 * The events of a recommendation's stream. Each `type` is stored and never
 * changes once written; a new shape gets a new schema version and an upcaster
 * in the event store.
 */
export interface MeetingReference {
  body: string;
  date: string; // YYYY-MM-DD
  paragraph?: string;
  diaryNumber?: string;
}

export interface EvidenceLink {
  title: string;
  url: string;
}

export type DecisionOutcome = 'accepted' | 'rejected' | 'deferred';
export type AssessmentOutcome = 'implemented' | 'partially_implemented' | 'not_implemented';

export type RecommendationEvent =
  | {
      type: 'RecommendationRegistered';
      data: {
        recommendationId: string;
        reviewId: string;
        code: string;
        title: string;
        text: string;
        textEn: string | null;
        responsibleUnit: string;
      };
    }
  | {
      type: 'RecommendationDecided';
      data: { decision: DecisionOutcome; reason: string; meeting: MeetingReference | null };
    }
  | {
      type: 'RecommendationAssessed';
      data: { status: AssessmentOutcome; reason: string; meeting: MeetingReference | null };
    }
  | { type: 'RecommendationReopened'; data: { reason: string } }
  | {
      type: 'ActionAdded';
      data: {
        actionId: string;
        title: string;
        description: string | null;
        responsibleUnit: string;
        ownerEmail: string;
        dueDate: string;
      };
    }
  | {
      type: 'ActionProgressReported';
      data: { actionId: string; progressPercent: number; note: string; evidence: EvidenceLink[] };
    }
  | {
      type: 'ActionRescheduled';
      data: { actionId: string; dueDate: string; previousDueDate: string; reason: string };
    }
  | { type: 'ActionCompleted'; data: { actionId: string; note: string } }
  | { type: 'ActionCancelled'; data: { actionId: string; reason: string } }
  | {
      type: 'ActionAssigned';
      data: {
        actionId: string;
        ownerEmail: string;
        responsibleUnit: string;
        previousOwnerEmail: string;
        previousResponsibleUnit: string;
      };
    }
  | {
      type: 'ReminderRecorded';
      data: {
        reminderId: string;
        kind: string;
        actionId: string | null;
        milestoneKey: string | null;
        recipient: string;
        outcome: 'sent' | 'skipped' | 'failed';
        detail: string | null;
      };
    };

export type RecommendationEventType = RecommendationEvent['type'];

/** An event as it comes back from the store, with when and by whom. */
export type Recorded<E extends { type: string; data: unknown }> = E & {
  occurredAt: string;
  actorEmail: string;
};

export const RECOMMENDATION_EVENT_TYPES: readonly RecommendationEventType[] = [
  'RecommendationRegistered',
  'RecommendationDecided',
  'RecommendationAssessed',
  'RecommendationReopened',
  'ActionAdded',
  'ActionProgressReported',
  'ActionRescheduled',
  'ActionCompleted',
  'ActionCancelled',
  'ActionAssigned',
  'ReminderRecorded',
];

export const recommendationStreamId = (id: string) => `recommendation-${id}`;
export const RECOMMENDATION_STREAM_PREFIX = 'recommendation-';
