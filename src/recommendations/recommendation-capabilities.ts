import type { Actor } from '../kernel/actor';
import { DomainError } from '../kernel/domain-error';
import { decide, type RecommendationCommand } from './domain/recommendation.decide';
import { ASSESSMENT_OUTCOMES, DECISION_OUTCOMES, type AssessmentOutcome, type DecisionOutcome } from './domain/recommendation.events';
import { CORRECTION_TARGETS, type CorrectionTarget } from './domain/recommendation.corrections';
import type { RecommendationFacts } from './domain/recommendation.facts';
import { UNFINISHED_ACTION_STATUSES, unfinishedActions, type UnfinishedAction } from './domain/recommendation.approval';
import type { ActionState, RecommendationState } from './domain/recommendation.state';

/**
 * Which writes to offer. The UI does not restate any rule: it asks the
 * domain's own pure `decide` with a sample command and offers the form only
 * if the answer is not a refusal. A form that is offered can still be refused
 * (the state may move on); then the handler's error is shown.
 */
export const permits = (run: () => unknown): boolean => {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
};

/** The sample command's text and id: any that pass the rules' own checks. */
export const PROBE_TEXT = 'probe';
export const PROBE_ID = '00000000-0000-4000-8000-000000000000';

export interface ActionCapabilities {
  progress: boolean;
  reschedule: boolean;
  complete: boolean;
  cancel: boolean;
  /** Approve a claimed completion, or send it back (recommendation.approval.ts). */
  approve?: boolean;
  sendBack?: boolean;
  /** Publish or change the action's summary for the public page (recommendation.publication.ts). */
  publish?: boolean;
  /** Edit the title and description (corrections). */
  edit: boolean;
  /** Hand the action to another owner of its unit. */
  assign: boolean;
  /** Retract a progress note: asked of its first note still counted; each note's own state decides the rest. */
  retract: boolean;
}

export interface RecommendationCapabilities {
  addAction: boolean;
  decisions: DecisionOutcome[];
  assessments: AssessmentOutcome[];
  reopen: boolean;
  /** The unfinished actions that alone keep this actor from assessing: the page lists them, each with what can be done. */
  assessmentBlockedBy?: UnfinishedAction[];
  /** Publish or change the recommendation's summary for the public page. */
  publish?: boolean;
  /** Which committee entries may be corrected now (the latest decision or assessment). */
  corrections: CorrectionTarget[];
  actions: Record<string, ActionCapabilities>;
}

/** Facts that refuse nothing: a probe asks what this actor may do in this state; the unit, review or owner a form names is checked when it is sent. */
const PROBE_FACTS: RecommendationFacts = { unitExists: { exists: true }, reviewExists: true, codeTaken: false, ownerIsActiveIn: true };

const allows = (state: RecommendationState, actor: Actor, command: RecommendationCommand) => permits(() => decide(command, state, actor, PROBE_FACTS));

/** A due date other than the current one, so the probe asks about the actor and the state, not about the date. */
const anotherDay = (action: ActionState) => (action.dueDate === '2200-12-31' ? '2200-12-30' : '2200-12-31');

export function actionCapabilities(state: RecommendationState, actor: Actor, action: ActionState): ActionCapabilities {
  const actionId = action.id;
  return {
    progress: allows(state, actor, { type: 'ReportProgress', actionId, progressPercent: action.progressPercent, note: PROBE_TEXT, evidence: [] }),
    reschedule: allows(state, actor, { type: 'RescheduleAction', actionId, dueDate: anotherDay(action), reason: PROBE_TEXT, today: '1900-01-01' }),
    complete: allows(state, actor, { type: 'CompleteAction', actionId, note: PROBE_TEXT }),
    cancel: allows(state, actor, { type: 'CancelAction', actionId, reason: PROBE_TEXT }),
    approve: allows(state, actor, { type: 'ApproveCompletion', actionId, note: null }),
    sendBack: allows(state, actor, { type: 'SendBackCompletion', actionId, reason: PROBE_TEXT }),
    publish: allows(state, actor, { type: 'PublishSummary', actionId, text: `${action.publicSummary?.text ?? ''} ${PROBE_TEXT}`, textEn: null }),
    assign: allows(state, actor, { type: 'AssignAction', actionId, ownerEmail: `${PROBE_TEXT}.${action.ownerEmail}`, responsibleUnit: null }),
    edit: allows(state, actor, { type: 'EditAction', actionId, title: `${action.title} ${PROBE_TEXT}`, description: undefined, reason: PROBE_TEXT }),
    retract: allows(state, actor, { type: 'RetractProgress', actionId, updateSeq: Math.max(1, action.updates.findIndex((u) => !u.retracted) + 1), reason: PROBE_TEXT }),
  };
}

export function recommendationCapabilities(state: RecommendationState, actor: Actor): RecommendationCapabilities {
  return {
    addAction: allows(state, actor, {
      type: 'AddAction',
      actionId: PROBE_ID,
      title: PROBE_TEXT,
      description: null,
      responsibleUnit: state.responsibleUnit,
      ownerEmail: actor.email,
      dueDate: '2200-12-31',
    }),
    decisions: DECISION_OUTCOMES.filter((decision) => allows(state, actor, { type: 'RecordDecision', decision, reason: PROBE_TEXT, meeting: null })),
    assessments: ASSESSMENT_OUTCOMES.filter((status) => allows(state, actor, { type: 'RecordAssessment', status, reason: PROBE_TEXT, meeting: null })),
    reopen: allows(state, actor, { type: 'ReopenRecommendation', reason: PROBE_TEXT }),
    assessmentBlockedBy: assessmentBlockedBy(state, actor),
    publish: allows(state, actor, { type: 'PublishSummary', actionId: null, text: `${state.publicSummary?.text ?? ''} ${PROBE_TEXT}`, textEn: null }),
    corrections: CORRECTION_TARGETS.filter((corrects) => allows(state, actor, { type: 'CorrectCommittee', corrects, reason: PROBE_TEXT, meeting: null })),
    actions: Object.fromEntries(state.actions.map((a) => [a.id, actionCapabilities(state, actor, a)])),
  };
}

/** The unfinished actions, when they are all that stands between this actor and an assessment: asked of the same state with them finished. */
function assessmentBlockedBy(state: RecommendationState, actor: Actor): UnfinishedAction[] {
  const unfinished = unfinishedActions(state);
  if (unfinished.length === 0) return [];
  const finished = { ...state, actions: state.actions.filter((a) => !UNFINISHED_ACTION_STATUSES.includes(a.status)) };
  return allows(finished, actor, { type: 'RecordAssessment', status: ASSESSMENT_OUTCOMES[0], reason: PROBE_TEXT, meeting: null }) ? unfinished : [];
}

export const NO_CAPABILITIES: RecommendationCapabilities = { addAction: false, decisions: [], assessments: [], reopen: false, corrections: [], actions: {} };

/** Whether the actor may register a recommendation in this review: the review page asks it for its form. */
export const mayRegisterRecommendation = (reviewId: string, actor: Actor): boolean =>
  permits(() =>
    decide(
      { type: 'RegisterRecommendation', recommendationId: PROBE_ID, reviewId, code: 'R0', title: PROBE_TEXT, text: PROBE_TEXT, textEn: null, responsibleUnit: 'sfi' },
      null,
      actor,
      PROBE_FACTS,
    ),
  );
