/**
 * The events of a recommendation's stream. Each `type` is stored and never
 * changes once written; a new shape gets a new schema version and an upcaster
 * in the event store.
 */

/** A summary for the public page published or withdrawn (recommendation.publication.ts); `actionId` null: the recommendation's own. */
export type PublicationEvent =
  | { type: 'PublicSummaryPublished'; data: { actionId: string | null; text: string; textEn: string | null } }
  | { type: 'PublicSummaryWithdrawn'; data: { actionId: string | null } };

/** A file attached as evidence, as its event records it (recommendation.discussion.ts decides it). */
export interface AttachmentRef {
  attachmentId: string;
  actionId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** A file attached, a comment written on an action (recommendation.discussion.ts). */
export type DiscussionEvent =
  | { type: 'AttachmentAdded'; data: AttachmentRef }
  | { type: 'ActionCommented'; data: { actionId: string; commentId: string; text: string } };

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

/** What a committee may decide of a recommendation, and what it may find of one carried out: the API's enums and the forms' choices. */
export const DECISION_OUTCOMES = ['accepted', 'rejected', 'deferred'] as const;
export const ASSESSMENT_OUTCOMES = ['implemented', 'partially_implemented', 'not_implemented'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
/** What a correction may correct (recommendation.corrections.ts): the latest decision or assessment. */
export const CORRECTION_TARGETS = ['decision', 'assessment'] as const;
export type CorrectionTarget = (typeof CORRECTION_TARGETS)[number];
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/** What registers a recommendation: the command asks for it, the event keeps it, the state starts from it. */
export interface RecommendationRegistration {
  recommendationId: string;
  reviewId: string;
  code: string;
  title: string;
  text: string;
  textEn: string | null;
  responsibleUnit: string;
}

/** What adds an action: the command asks for it, the event keeps it. */
export interface ActionAddition {
  actionId: string;
  title: string;
  description: string | null;
  responsibleUnit: string;
  ownerEmail: string;
  dueDate: string;
}

/** A decision or an assessment as a correction restores it: the state's DecisionRecord and AssessmentRecord. */
type RestoredDecision = { decision: DecisionOutcome; reason: string; meeting: MeetingReference | null; decidedAt: string };
type RestoredAssessment = { status: AssessmentOutcome; reason: string; meeting: MeetingReference | null; assessedAt: string };

/** Corrections (recommendation.corrections.ts): both versions stay, the event says what was and what is. */
export type CorrectionEvent =
  | {
      type: 'ActionEdited';
      data: { actionId: string; title: string; description: string | null; previousTitle: string; previousDescription: string | null; reason: string };
    }
  /** `progressPercent`: what the action counts once the note is retracted, so folding needs no other note. */
  | { type: 'ActionProgressRetracted'; data: { actionId: string; updateSeq: number; reason: string; progressPercent: number } }
  | {
      type: 'RecommendationCorrected';
      data: {
        corrects: CorrectionTarget;
        /** The outcome corrected (`rejected`, `implemented`, …), for the history's sentence. */
        corrected: DecisionOutcome | AssessmentOutcome;
        reason: string;
        meeting: MeetingReference | null;
        /** What the recommendation returns to, computed when the correction is decided. */
        status: 'received' | 'accepted' | 'rejected' | 'deferred' | 'in_progress' | AssessmentOutcome;
        decision: RestoredDecision | null;
        assessment: RestoredAssessment | null;
      };
    };

export type RecommendationEvent =
  | { type: 'RecommendationRegistered'; data: RecommendationRegistration }
  | {
      type: 'RecommendationDecided';
      data: { decision: DecisionOutcome; reason: string; meeting: MeetingReference | null };
    }
  | {
      type: 'RecommendationAssessed';
      data: { status: AssessmentOutcome; reason: string; meeting: MeetingReference | null };
    }
  | { type: 'RecommendationReopened'; data: { reason: string } }
  | { type: 'ActionAdded'; data: ActionAddition }
  | {
      type: 'ActionProgressReported';
      data: { actionId: string; progressPercent: number; note: string; evidence: EvidenceLink[] };
    }
  | {
      type: 'ActionRescheduled';
      data: { actionId: string; dueDate: string; previousDueDate: string; reason: string };
    }
  | { type: 'ActionCompleted'; data: { actionId: string; note: string } }
  /** Completion as a claim (recommendation.approval.ts): `ActionCompleted`, from before approvals, still means completed. */
  | { type: 'ActionCompletionClaimed'; data: { actionId: string; note: string } }
  | { type: 'ActionCompletionApproved'; data: { actionId: string; note: string | null } }
  | { type: 'ActionCompletionSentBack'; data: { actionId: string; reason: string } }
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
    }
  /** A summary for the public page published or withdrawn (recommendation.publication.ts). */
  | PublicationEvent
  /** An action edited, a progress note retracted, a decision or assessment corrected (recommendation.corrections.ts). */
  | CorrectionEvent
  /** A file attached as evidence, a comment on an action (recommendation.discussion.ts). */
  | DiscussionEvent;

export type RecommendationEventType = RecommendationEvent['type'];

/** An event as it comes back from the store, with when and by whom: the kernel's, named here too for this domain's readers. */
export type { Recorded } from '../../kernel/recorded';

export const RECOMMENDATION_EVENT_TYPES: readonly RecommendationEventType[] = [
  'RecommendationRegistered',
  'RecommendationDecided',
  'RecommendationAssessed',
  'RecommendationReopened',
  'ActionAdded',
  'ActionProgressReported',
  'ActionRescheduled',
  'ActionCompleted',
  'ActionCompletionClaimed',
  'ActionCompletionApproved',
  'ActionCompletionSentBack',
  'ActionCancelled',
  'ActionAssigned',
  'ReminderRecorded',
  'PublicSummaryPublished',
  'PublicSummaryWithdrawn',
  'ActionEdited',
  'ActionProgressRetracted',
  'RecommendationCorrected',
  'AttachmentAdded',
  'ActionCommented',
];

/** The events that add a note to an action's notes (its updates), which are numbered (from 1) in this order. */
export const NOTE_ADDING_EVENTS: readonly string[] = ['ActionProgressReported', 'ActionCompleted', 'ActionCompletionApproved'];

export const recommendationStreamId = (id: string) => `recommendation-${id}`;
export const RECOMMENDATION_STREAM_PREFIX = 'recommendation-';
