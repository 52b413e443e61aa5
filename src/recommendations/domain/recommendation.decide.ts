import { SYSTEM_ACTOR, type Actor } from '../../kernel/actor';
import { calendarProblem, checkDay } from '../../kernel/calendar';
import { conflict, forbidden, invalid, isBlank, notFound, requireText } from '../../kernel/domain-error';
import { approveCompletion, claimCompletion, requireAllActionsFinished, requireUnitIn, sendBackCompletion, unitsOfAction } from './recommendation.approval';
import { correctCommittee, editAction, requireNotPast, retractProgress, type CorrectionCommand } from './recommendation.corrections';
import type { FactQuestions, RecommendationFacts } from './recommendation.facts';
import { decideDiscussion, type DiscussionCommand } from './recommendation.discussion';
import { decidePublication, type PublicationCommand } from './recommendation.publication';
import type { ActionAddition, AssessmentOutcome, DecisionOutcome, EvidenceLink, MeetingReference, RecommendationEvent, RecommendationRegistration } from './recommendation.events';
import {
  CLOSED_STATUSES,
  findAction,
  OPEN_ACTION_STATUSES,
  type ActionState,
  type RecommendationState,
  type RecommendationStatus,
} from './recommendation.state';

/** What a user asks of a recommendation. Time, ids and the actor come in with it. */
export type RecommendationCommand =
  | ({ type: 'RegisterRecommendation' } & RecommendationRegistration)
  | { type: 'RecordDecision'; decision: DecisionOutcome; reason: string; meeting: MeetingReference | null }
  | { type: 'RecordAssessment'; status: AssessmentOutcome; reason: string; meeting: MeetingReference | null }
  | { type: 'ReopenRecommendation'; reason: string }
  | ({ type: 'AddAction' } & ActionAddition)
  | { type: 'ReportProgress'; actionId: string; progressPercent: number; note: string; evidence: EvidenceLink[] }
  /** `today`: the Stockholm date the new due date may not be before. */
  | { type: 'RescheduleAction'; actionId: string; dueDate: string; reason: string; today: string }
  | { type: 'CompleteAction'; actionId: string; note: string }
  | { type: 'ApproveCompletion'; actionId: string; note: string | null }
  | { type: 'SendBackCompletion'; actionId: string; reason: string }
  | { type: 'CancelAction'; actionId: string; reason: string }
  | { type: 'AssignAction'; actionId: string; ownerEmail: string; responsibleUnit: string | null }
  | ({ type: 'RecordReminderOutcome' } & Extract<RecommendationEvent, { type: 'ReminderRecorded' }>['data'])
  | PublicationCommand
  | CorrectionCommand
  | DiscussionCommand;

export type RecommendationCommandType = RecommendationCommand['type'];

/** Which status a decision may come from, for each outcome. */
const DECISION_FROM: Record<DecisionOutcome, readonly RecommendationStatus[]> = {
  accepted: ['received', 'deferred'],
  rejected: ['received', 'deferred'],
  deferred: ['received'],
};
const ASSESSABLE: readonly RecommendationStatus[] = ['accepted', 'in_progress'];
const ACCEPTS_ACTIONS: readonly RecommendationStatus[] = ['accepted', 'in_progress'];

const COMMITTEE_ROLES = ['secretary', 'admin'] as const;
const ACTION_ROLES = ['officer', 'unit_head', 'secretary', 'admin'] as const;

function requireRole(actor: Actor, roles: readonly string[], what: string): void {
  if (!roles.includes(actor.role)) {
    throw forbidden(`The role ${actor.role} may not ${what}`);
  }
}

function requireReason(reason: string): void {
  if (!reason || isBlank(reason)) throw invalid('A reason is required', [{ field: 'reason', message: 'must not be empty' }]);
}

/**
 * A due date the calendar downstream can work with: reminder planning counts
 * days from it, and a date such as 9999-12-31 has no next day in YYYY-MM-DD.
 * The request DTOs refuse such dates already; this keeps the rule with the
 * domain for any other caller.
 */
function requireDueDate(dueDate: string): void {
  const problem = calendarProblem('dueDate', checkDay(dueDate), 'day');
  if (problem) throw invalid(problem, [{ field: 'dueDate', message: problem.slice('dueDate '.length) }]);
}

function requireOpenForActions(state: RecommendationState, what: string): void {
  if (!ACCEPTS_ACTIONS.includes(state.status)) {
    throw conflict(`Cannot ${what} while recommendation ${state.code} is ${state.status}; it must be accepted or in progress`);
  }
}

function requireOpenAction(action: ActionState, what: string): void {
  if (!OPEN_ACTION_STATUSES.includes(action.status)) {
    throw conflict(`Cannot ${what}: action "${action.title}" is ${action.status}`);
  }
}

/** The unit a command names, if it names one: the one whose existence is checked. */
function unitNamed(command: RecommendationCommand): string | null {
  return ('responsibleUnit' in command && command.responsibleUnit) || null;
}

/** The owner an action will have and the unit it will belong to, once the command is applied. */
function ownerAfter(command: RecommendationCommand, state: RecommendationState | null): { email: string; unit: string } | null {
  if (command.type === 'AddAction') return { email: command.ownerEmail, unit: command.responsibleUnit };
  if (command.type !== 'AssignAction') return null;
  const unit = command.responsibleUnit ?? state?.actions.find((a) => a.id === command.actionId)?.responsibleUnit;
  // No such action: decide refuses with 404 before it would ask about the owner.
  return unit ? { email: command.ownerEmail, unit } : null;
}

/** Which facts from outside the stream decide needs for this command; see recommendation.facts.ts. */
export function factsNeeded(command: RecommendationCommand, state: RecommendationState | null): FactQuestions {
  const questions: FactQuestions = {};
  const unit = unitNamed(command);
  if (unit) questions.unitExists = unit;
  if (command.type === 'RegisterRecommendation') {
    questions.reviewExists = command.reviewId;
    questions.codeTaken = { reviewId: command.reviewId, code: command.code };
  }
  const owner = ownerAfter(command, state);
  if (owner) questions.ownerIsActiveIn = owner;
  return questions;
}

/** A fact decide needs and was not given is a mistake in the caller, not a refusal of the user. */
function answer<T>(value: T | undefined, question: keyof FactQuestions): T {
  if (value === undefined) throw new Error(`decide needs the fact ${question}; gather factsNeeded(command, state) first`);
  return value;
}

function requireKnownUnit(facts: RecommendationFacts, unit: string): void {
  const known = answer(facts.unitExists, 'unitExists');
  if (!known.exists) {
    const why = known.retired ? `The unit ${unit} is retired: it takes no new recommendations or actions` : `There is no unit ${unit}`;
    throw invalid(why, [{ field: 'responsibleUnit', message: `must be one of ${known.knownUnits.join(', ')}` }]);
  }
}

function requireNewCodeOfKnownReview(facts: RecommendationFacts, reviewId: string, code: string): void {
  if (!answer(facts.reviewExists, 'reviewExists')) {
    throw invalid(`Review ${reviewId} does not exist`, [{ field: 'reviewId', message: 'no review with this id' }]);
  }
  if (answer(facts.codeTaken, 'codeTaken')) throw conflict(`The review already has a recommendation with code ${code}`);
}

/**
 * Reminders and overdue notices go to an action's owner, so the owner must be an active
 * user of the unit the action will belong to. Checked last, after every other refusal:
 * someone who may not touch the action gets their 403, 404 or 409 and learns nothing
 * about who works where. Unknown, deactivated and foreign owners get one and the same
 * answer, for the same reason.
 */
function requireActiveOwner(facts: RecommendationFacts, ownerEmail: string, unit: string): void {
  if (!answer(facts.ownerIsActiveIn, 'ownerIsActiveIn')) {
    throw invalid(`The owner ${ownerEmail} is not an active user of the unit ${unit}`, [
      { field: 'ownerEmail', message: `must be an active user of the unit ${unit}` },
    ]);
  }
}

/**
 * Every business rule of a recommendation. Pure: given the command, the actor,
 * the current state and the facts from outside the stream that factsNeeded asked
 * for, it returns the events to append or throws a DomainError. Nothing is
 * written when it throws.
 */
export function decide(
  command: RecommendationCommand,
  state: RecommendationState | null,
  actor: Actor,
  facts: RecommendationFacts,
): RecommendationEvent[] {
  // A unit, review or code that cannot be right for anyone is refused before who asks is;
  // only the owner, who says who works where, waits until the asker is known to be entitled.
  const unit = unitNamed(command);
  if (unit) requireKnownUnit(facts, unit);
  if (command.type === 'RegisterRecommendation') {
    requireNewCodeOfKnownReview(facts, command.reviewId, command.code);
    requireRole(actor, COMMITTEE_ROLES, 'register recommendations');
    for (const field of ['code', 'title', 'text'] as const) requireText(field, command[field]);
    if (state) throw conflict(`Recommendation ${command.recommendationId} already exists`);
    const { type: _type, ...data } = command;
    return [{ type: 'RecommendationRegistered', data }];
  }
  if (!state) throw notFound('Recommendation not found');

  switch (command.type) {
    case 'RecordDecision': {
      requireRole(actor, COMMITTEE_ROLES, 'record committee decisions');
      requireReason(command.reason);
      if (!DECISION_FROM[command.decision].includes(state.status)) {
        throw conflict(`Recommendation ${state.code} is ${state.status} and cannot be ${command.decision}`);
      }
      return [
        {
          type: 'RecommendationDecided',
          data: { decision: command.decision, reason: command.reason, meeting: command.meeting },
        },
      ];
    }
    case 'RecordAssessment': {
      requireRole(actor, COMMITTEE_ROLES, 'record assessments');
      requireReason(command.reason);
      if (!ASSESSABLE.includes(state.status)) {
        throw conflict(`Recommendation ${state.code} is ${state.status}; only an accepted or in-progress recommendation can be assessed`);
      }
      requireAllActionsFinished(state);
      return [
        {
          type: 'RecommendationAssessed',
          data: { status: command.status, reason: command.reason, meeting: command.meeting },
        },
      ];
    }
    case 'ReopenRecommendation': {
      requireRole(actor, COMMITTEE_ROLES, 'reopen recommendations');
      requireReason(command.reason);
      if (!CLOSED_STATUSES.includes(state.status)) {
        throw conflict(`Recommendation ${state.code} is ${state.status}; only an assessed recommendation can be reopened`);
      }
      return [{ type: 'RecommendationReopened', data: { reason: command.reason } }];
    }
    case 'AddAction': {
      requireRole(actor, ACTION_ROLES, 'add actions');
      requireUnitIn(actor, [state.responsibleUnit], `add actions to recommendation ${state.code}`);
      requireOpenForActions(state, 'add an action');
      if (state.actions.some((a) => a.id === command.actionId)) {
        throw conflict(`Action ${command.actionId} already exists`);
      }
      requireText('title', command.title);
      requireDueDate(command.dueDate);
      requireActiveOwner(facts, command.ownerEmail, command.responsibleUnit);
      const { type: _type, ...data } = command;
      return [{ type: 'ActionAdded', data }];
    }
    case 'ReportProgress': {
      const action = guardActionWrite(state, command.actionId, actor, 'report progress');
      requireOpenAction(action, 'report progress');
      requireText('note', command.note);
      return [
        {
          type: 'ActionProgressReported',
          data: {
            actionId: action.id,
            progressPercent: command.progressPercent,
            note: command.note,
            evidence: command.evidence,
          },
        },
      ];
    }
    case 'RescheduleAction': {
      const action = guardActionWrite(state, command.actionId, actor, 'reschedule');
      requireReason(command.reason);
      requireOpenAction(action, 'reschedule');
      requireDueDate(command.dueDate);
      requireNotPast(command.dueDate, command.today);
      if (command.dueDate === action.dueDate) {
        throw conflict(`Action "${action.title}" is already due on ${action.dueDate}`);
      }
      return [
        {
          type: 'ActionRescheduled',
          data: { actionId: action.id, dueDate: command.dueDate, previousDueDate: action.dueDate, reason: command.reason },
        },
      ];
    }
    case 'CompleteAction': {
      const action = guardActionWrite(state, command.actionId, actor, 'complete');
      requireOpenAction(action, 'complete');
      return claimCompletion(action, command.note);
    }
    case 'ApproveCompletion': {
      const action = findAction(state, command.actionId);
      requireOpenForActions(state, 'approve');
      return approveCompletion(state, action, actor, command.note);
    }
    case 'SendBackCompletion': {
      const action = findAction(state, command.actionId);
      requireOpenForActions(state, 'send back');
      return sendBackCompletion(state, action, actor, command.reason);
    }
    case 'CancelAction': {
      const action = guardActionWrite(state, command.actionId, actor, 'cancel');
      requireReason(command.reason);
      requireOpenAction(action, 'cancel');
      return [{ type: 'ActionCancelled', data: { actionId: action.id, reason: command.reason } }];
    }
    case 'AssignAction': {
      const action = guardActionWrite(state, command.actionId, actor, 'reassign');
      requireOpenAction(action, 'reassign');
      const responsibleUnit = command.responsibleUnit ?? action.responsibleUnit;
      if (command.ownerEmail === action.ownerEmail && responsibleUnit === action.responsibleUnit) {
        throw conflict(`Action "${action.title}" is already assigned to ${action.ownerEmail} in ${responsibleUnit}`);
      }
      requireActiveOwner(facts, command.ownerEmail, responsibleUnit);
      return [
        {
          type: 'ActionAssigned',
          data: {
            actionId: action.id,
            ownerEmail: command.ownerEmail,
            responsibleUnit,
            previousOwnerEmail: action.ownerEmail,
            previousResponsibleUnit: action.responsibleUnit,
          },
        },
      ];
    }
    case 'RecordReminderOutcome': {
      // Only the system's reminder worker records reminders: they are facts about mail, not decisions.
      if (actor.role !== 'admin' || actor.email !== SYSTEM_ACTOR.email) throw forbidden('Only the reminder service records reminders');
      const { type: _type, ...data } = command;
      return [{ type: 'ReminderRecorded', data }];
    }
    case 'PublishSummary':
    case 'WithdrawSummary':
      return decidePublication(command, state, actor);
    case 'EditAction':
      return editAction(guardActionWrite(state, command.actionId, actor, 'edit'), command);
    case 'RetractProgress': {
      const action = guardActionWrite(state, command.actionId, actor, 'retract progress on');
      requireOpenAction(action, 'retract a progress note');
      return retractProgress(action, command.updateSeq, command.reason);
    }
    case 'AddAttachment':
    case 'CommentOnAction':
      return decideDiscussion(command, state, actor);
    case 'CorrectCommittee':
      requireRole(actor, COMMITTEE_ROLES, 'correct committee decisions and assessments');
      return correctCommittee(state, command);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

/** Role, existence, unit scope and recommendation status: the checks every action write shares. */
function guardActionWrite(state: RecommendationState, actionId: string, actor: Actor, what: string): ActionState {
  requireRole(actor, ACTION_ROLES, `${what} actions`);
  const action = findAction(state, actionId);
  requireUnitIn(actor, unitsOfAction(state, action), `${what} action "${action.title}"`);
  requireOpenForActions(state, what);
  return action;
}
