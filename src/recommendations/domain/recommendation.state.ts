import { notFound } from '../../kernel/domain-error';
import { OPEN_ACTION_STATUSES as OPEN_ACTIONS, type STATUS_WORDS } from '../../kernel/status-words';
import type {
  AssessmentOutcome,
  CorrectionEvent,
  CorrectionTarget,
  DecisionOutcome,
  EvidenceLink,
  MeetingReference,
  RecommendationEvent,
  RecommendationRegistration,
  Recorded,
} from './recommendation.events';

/** A summary a secretary published for the public page, with who and when (recommendation.publication.ts). */
export interface PublishedSummary {
  text: string;
  textEn: string | null;
  publishedAt: string;
  publishedBy: string;
}

export type RecommendationStatus =
  | 'received'
  | 'accepted'
  | 'rejected'
  | 'deferred'
  | 'in_progress'
  | AssessmentOutcome;

export const RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = [
  'received',
  'accepted',
  'rejected',
  'deferred',
  'in_progress',
  'implemented',
  'partially_implemented',
  'not_implemented',
];

/** `completion_claimed`: done in its owner's eyes, waiting for a second person's approval (recommendation.approval.ts). */
export type ActionStatus = 'planned' | 'in_progress' | 'completion_claimed' | 'completed' | 'cancelled';

/** Every status has its words in both languages (src/kernel/status-words.ts): a status added without them does not compile. */
type Covers<K extends string, T extends Record<K, string>> = T;
export type StatusWords = {
  recommendation: Covers<RecommendationStatus, (typeof STATUS_WORDS)['sv' | 'en']['recommendationStatus']>;
  action: Covers<ActionStatus, (typeof STATUS_WORDS)['sv' | 'en']['actionStatus']>;
};

/** A retracted progress note (recommendation.corrections.ts): which one (its number among the action's notes, from 1), by whom, when, why. */
export interface Retraction {
  seq: number;
  at: string;
  by: string;
  reason: string;
}

/** What a decision or an assessment replaced, restored when it is corrected (recommendation.corrections.ts). */
export interface CommitteeUndo {
  corrects: CorrectionTarget;
  status: RecommendationStatus;
  decision: DecisionRecord | null;
  assessment: AssessmentRecord | null;
}

export interface ProgressUpdate {
  at: string;
  by: string;
  progressPercent: number;
  note: string;
  evidence: EvidenceLink[];
  /** Retracted (recommendation.corrections.ts): kept and shown, no longer counted; absent or null: it counts. */
  retracted?: Retraction | null;
  /** Its number among its action's notes, from 1, where a reader of the rows gives it; in a whole state, its place in `updates`. */
  seq?: number;
}

export interface ActionState {
  id: string;
  title: string;
  description: string | null;
  responsibleUnit: string;
  ownerEmail: string;
  dueDate: string;
  originalDueDate: string;
  status: ActionStatus;
  progressPercent: number;
  addedAt: string;
  completedAt: string | null;
  updates: ProgressUpdate[];
  /** Who claimed it completed, when, with what note, while the claim waits for approval; absent or null otherwise. */
  claim?: { by: string; at: string; note: string } | null;
  /** The summary a secretary published for the public page (recommendation.publication.ts); absent or null: none. */
  publicSummary?: PublishedSummary | null;
  /** Its notes retracted, in the order retracted (recommendation.corrections.ts); absent: none. */
  retractions?: Retraction[];
  /**
   * Comments folded into this state (recommendation.discussion.ts), each by its event's version, for the search
   * index: a whole state holds every one, a reader of the rows only those since (the history keeps them all).
   */
  comments?: Array<{ seq: number; text: string }>;
}

export interface DecisionRecord {
  decision: DecisionOutcome;
  reason: string;
  meeting: MeetingReference | null;
  decidedAt: string;
}

export interface AssessmentRecord {
  status: AssessmentOutcome;
  reason: string;
  meeting: MeetingReference | null;
  assessedAt: string;
}

/**
 * The shape of RecommendationState, as stored in snapshots: raise it with any
 * change to the interface below, so older snapshots are folded again instead of misread.
 */
export const RECOMMENDATION_STATE_SCHEMA = 5;

/** The registration's fields, the id under its own name, and what happened since. */
export interface RecommendationState extends Omit<RecommendationRegistration, 'recommendationId'> {
  id: string;
  status: RecommendationStatus;
  decision: DecisionRecord | null;
  assessment: AssessmentRecord | null;
  actions: ActionState[];
  version: number;
  lastChangedAt: string;
  /** The recommendation's summary for the public page (recommendation.publication.ts); absent or null: none. */
  publicSummary?: PublishedSummary | null;
  /** What each decision and assessment replaced, latest last, for a correction to restore (recommendation.corrections.ts). */
  committeeUndo?: CommitteeUndo[];
}

export const CLOSED_STATUSES: readonly RecommendationStatus[] = [
  'implemented',
  'partially_implemented',
  'not_implemented',
];
/** The kernel's list (src/kernel/status-words.ts, where the units read it too), as this domain's statuses. */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = OPEN_ACTIONS;

/** The action a command names, or 404: every rule that acts on one action starts here. */
export function findAction(state: RecommendationState, actionId: string): ActionState {
  const action = state.actions.find((a) => a.id === actionId);
  if (!action) throw notFound(`Action ${actionId} not found in recommendation ${state.code}`);
  return action;
}

const mapAction = (
  state: RecommendationState,
  actionId: string,
  change: (action: ActionState) => ActionState,
): ActionState[] => state.actions.map((a) => (a.id === actionId ? change(a) : a));

/**
 * Folds one event into the state. Pure, and the only place that knows how an
 * event changes a recommendation: the command side, the read model and the
 * "as of" queries all use it.
 */
export function evolve(
  state: RecommendationState | null,
  event: Recorded<RecommendationEvent>,
): RecommendationState {
  if (event.type === 'RecommendationRegistered') {
    const d = event.data;
    return {
      id: d.recommendationId,
      reviewId: d.reviewId,
      code: d.code,
      title: d.title,
      text: d.text,
      textEn: d.textEn,
      responsibleUnit: d.responsibleUnit,
      status: 'received',
      decision: null,
      assessment: null,
      actions: [],
      version: 1,
      lastChangedAt: event.occurredAt,
    };
  }
  if (!state) throw new Error(`${event.type} before RecommendationRegistered`);
  const next: RecommendationState = {
    ...state,
    version: state.version + 1,
    lastChangedAt: event.occurredAt,
  };
  switch (event.type) {
    case 'RecommendationDecided':
      return {
        ...next,
        status: event.data.decision,
        decision: { ...event.data, decidedAt: event.occurredAt },
        committeeUndo: remember(state, 'decision'),
      };
    case 'RecommendationAssessed':
      return {
        ...next,
        status: event.data.status,
        assessment: { ...event.data, assessedAt: event.occurredAt },
        committeeUndo: remember(state, 'assessment'),
      };
    case 'RecommendationReopened':
      return { ...next, status: 'in_progress' };
    case 'ActionAdded': {
      const d = event.data;
      return {
        ...next,
        status: startWork(state.status),
        actions: [
          ...state.actions,
          {
            id: d.actionId,
            title: d.title,
            description: d.description,
            responsibleUnit: d.responsibleUnit,
            ownerEmail: d.ownerEmail,
            dueDate: d.dueDate,
            originalDueDate: d.dueDate,
            status: 'planned',
            progressPercent: 0,
            addedAt: event.occurredAt,
            completedAt: null,
            updates: [],
          },
        ],
      };
    }
    case 'ActionProgressReported': {
      const d = event.data;
      return {
        ...next,
        status: startWork(state.status),
        actions: mapAction(state, d.actionId, (a) => ({
          ...a,
          status: 'in_progress',
          progressPercent: d.progressPercent,
          updates: [
            ...a.updates,
            {
              at: event.occurredAt,
              by: event.actorEmail,
              progressPercent: d.progressPercent,
              note: d.note,
              evidence: d.evidence,
            },
          ],
        })),
      };
    }
    case 'ActionRescheduled':
      return {
        ...next,
        actions: mapAction(state, event.data.actionId, (a) => ({ ...a, dueDate: event.data.dueDate })),
      };
    case 'ActionCompleted':
      return {
        ...next,
        actions: mapAction(state, event.data.actionId, (a) =>
          completed(a, event.occurredAt, { at: event.occurredAt, by: event.actorEmail, note: event.data.note }),
        ),
      };
    case 'ActionCompletionClaimed':
      return {
        ...next,
        actions: mapAction(state, event.data.actionId, (a) => ({
          ...a,
          status: 'completion_claimed',
          claim: { by: event.actorEmail, at: event.occurredAt, note: event.data.note },
        })),
      };
    case 'ActionCompletionApproved':
      // Approved, the claim counts as ActionCompleted did: 100 %, the claimant's note among the updates.
      return {
        ...next,
        actions: mapAction(state, event.data.actionId, (a) => ({ ...completed(a, event.occurredAt, a.claim ?? null), claim: null })),
      };
    case 'ActionCompletionSentBack':
      return {
        ...next,
        actions: mapAction(state, event.data.actionId, (a) => ({ ...a, status: 'in_progress', claim: null })),
      };
    case 'ActionCancelled':
      return {
        ...next,
        actions: mapAction(state, event.data.actionId, (a) => ({ ...a, status: 'cancelled' })),
      };
    case 'ActionAssigned':
      return {
        ...next,
        actions: mapAction(state, event.data.actionId, (a) => ({
          ...a,
          ownerEmail: event.data.ownerEmail,
          responsibleUnit: event.data.responsibleUnit,
        })),
      };
    case 'ReminderRecorded':
    // Files live in the history and the attachment tables (recommendation.discussion.ts), not in the state.
    case 'AttachmentAdded':
      return next;
    case 'ActionCommented':
      return { ...next, actions: mapAction(state, event.data.actionId, (a) => ({ ...a, comments: [...(a.comments ?? []), { seq: next.version, text: event.data.text }] })) };
    case 'PublicSummaryPublished':
    case 'PublicSummaryWithdrawn': {
      // Of the recommendation (actionId null) or of one action; withdrawn, there is none again.
      const summary: PublishedSummary | null =
        event.type === 'PublicSummaryPublished' ? { text: event.data.text, textEn: event.data.textEn, publishedAt: event.occurredAt, publishedBy: event.actorEmail } : null;
      const { actionId } = event.data;
      return actionId === null ? { ...next, publicSummary: summary } : { ...next, actions: mapAction(state, actionId, (a) => ({ ...a, publicSummary: summary })) };
    }
    case 'ActionEdited':
    case 'ActionProgressRetracted':
    case 'RecommendationCorrected':
      return evolveCorrection(state, next, event);
    default: {
      const unknown: never = event;
      throw new Error(`Unknown recommendation event ${(unknown as { type: string }).type}`);
    }
  }
}

/** What a decision or assessment about to be folded replaces, remembered so a correction can restore it. */
const remember = (state: RecommendationState, corrects: CorrectionTarget): CommitteeUndo[] => [
  ...(state.committeeUndo ?? []),
  { corrects, status: state.status, decision: state.decision, assessment: state.assessment },
];

/** Folds the corrections' events (recommendation.corrections.ts decides them). */
function evolveCorrection(state: RecommendationState, next: RecommendationState, event: Recorded<CorrectionEvent>): RecommendationState {
  switch (event.type) {
    case 'ActionEdited':
      return { ...next, actions: mapAction(state, event.data.actionId, (a) => ({ ...a, title: event.data.title, description: event.data.description })) };
    case 'ActionProgressRetracted': {
      const d = event.data;
      const retraction: Retraction = { seq: d.updateSeq, at: event.occurredAt, by: event.actorEmail, reason: d.reason };
      // A whole state holds every note, numbered from 1; the read model's memory holds none (its rows are marked instead).
      return {
        ...next,
        actions: mapAction(state, d.actionId, (a) => ({
          ...a,
          progressPercent: d.progressPercent,
          retractions: [...(a.retractions ?? []), retraction],
          updates: a.updates.map((u, i) => (i + 1 === d.updateSeq ? { ...u, retracted: retraction } : u)),
        })),
      };
    }
    case 'RecommendationCorrected':
      return {
        ...next,
        status: event.data.status,
        decision: event.data.decision,
        assessment: event.data.assessment,
        committeeUndo: (state.committeeUndo ?? []).slice(0, -1),
      };
  }
}

/** An action completed at `at`: 100 %, with the completer's note, if there is one, among its updates. */
const completed = (a: ActionState, at: string, note: { at: string; by: string; note: string } | null): ActionState => ({
  ...a,
  status: 'completed',
  progressPercent: 100,
  completedAt: at,
  updates: note ? [...a.updates, { ...note, progressPercent: 100, evidence: [] }] : a.updates,
});

/** `accepted → in_progress` on the first action or progress report. */
const startWork = (status: RecommendationStatus): RecommendationStatus =>
  status === 'accepted' ? 'in_progress' : status;

export const foldRecommendation = (
  events: Recorded<RecommendationEvent>[],
  initial: RecommendationState | null = null,
): RecommendationState | null => events.reduce<RecommendationState | null>(evolve, initial);

/** Overdue is derived, never stored: open and due before the given day. */
export const isOverdue = (action: ActionState, today: string): boolean =>
  OPEN_ACTION_STATUSES.includes(action.status) && action.dueDate < today;

/** Mean progress of the actions, cancelled ones left out; 0 with none. */
export function progressOf(state: RecommendationState): number {
  const counted = state.actions.filter((a) => a.status !== 'cancelled');
  if (counted.length === 0) return 0;
  return Math.round(counted.reduce((sum, a) => sum + a.progressPercent, 0) / counted.length);
}
