import type { Actor } from '../../kernel/actor';
import { conflict, DomainError, forbidden, invalid, isBlank, type FieldProblem } from '../../kernel/domain-error';
import { UNFINISHED_ACTION_STATUSES as KERNEL_UNFINISHED } from '../../kernel/status-words';
import type { RecommendationEvent } from './recommendation.events';
import type { ActionState, ActionStatus, RecommendationState } from './recommendation.state';
import { normalEmail } from '../../kernel/email-address';

/**
 * Completion needs a second person, and closing a recommendation is deliberate.
 * Completing an action is a claim; the unit's head, a secretary or an admin,
 * never the claimant, approves it or sends it back. An assessment is refused
 * while any action is still unfinished, naming each one.
 */

/** Not finished: an assessment waits for each of these to be completed or cancelled. */
export const UNFINISHED_ACTION_STATUSES: readonly ActionStatus[] = KERNEL_UNFINISHED;

/**
 * The units whose officers and heads may act on an action: the action's own, and
 * the recommendation's, whose people added it and answer for the recommendation.
 * So an officer who adds an action for another unit can still correct, cancel
 * or hand it over, and no action is left without someone who may act on it.
 */
export const unitsOfAction = (state: Pick<RecommendationState, 'responsibleUnit'>, action: Pick<ActionState, 'responsibleUnit'>): string[] =>
  [...new Set([action.responsibleUnit, state.responsibleUnit])];

const sameEmail = (a: string, b: string) => normalEmail(a) === normalEmail(b);

/** Whether this actor's role and unit make them an approver of this action (the claimant aside). */
export function isApproverOf(actor: Actor, units: readonly string[]): boolean {
  if (actor.role === 'secretary' || actor.role === 'admin') return true;
  return actor.role === 'unit_head' && actor.unit !== null && units.includes(actor.unit);
}

/** Approver and not the one who claimed: who may approve a claimed action. */
export const mayApprove = (actor: Actor, units: readonly string[], claimedBy: string): boolean =>
  isApproverOf(actor, units) && !sameEmail(actor.email, claimedBy);

function requireClaimed(action: ActionState, what: string): NonNullable<ActionState['claim']> {
  if (action.status !== 'completion_claimed' || !action.claim) {
    throw conflict(`Cannot ${what}: action "${action.title}" is ${action.status}, not claimed as completed`);
  }
  return action.claim;
}

function requireApprover(state: RecommendationState, action: ActionState, actor: Actor, what: string): void {
  const units = unitsOfAction(state, action);
  if (!isApproverOf(actor, units)) {
    throw forbidden(`Only a head of ${units.join(' or ')}, a secretary or an admin may ${what} action "${action.title}"`);
  }
}

/** The claim: the owner (or anyone who may work on the action) says it is done; it counts once approved. */
export function claimCompletion(action: ActionState, note: string): RecommendationEvent[] {
  if (isBlank(note)) throw invalid('A note is required', [{ field: 'note', message: 'must not be empty' }]);
  return [{ type: 'ActionCompletionClaimed', data: { actionId: action.id, note } }];
}

/** Approval by a second person: the action is completed. */
export function approveCompletion(state: RecommendationState, action: ActionState, actor: Actor, note: string | null): RecommendationEvent[] {
  // The claimant hears first why: whatever their role, approving their own claim is not theirs to do.
  if (action.status === 'completion_claimed' && action.claim && sameEmail(actor.email, action.claim.by)) {
    throw forbidden(`You claimed action "${action.title}" as completed; someone else (a head of ${unitsOfAction(state, action).join(' or ')}, a secretary or an admin) must approve it`);
  }
  requireApprover(state, action, actor, 'approve the completion of');
  requireClaimed(action, 'approve');
  return [{ type: 'ActionCompletionApproved', data: { actionId: action.id, note: note?.trim() ? note : null } }];
}

/** Sent back with a reason: the work goes on. The claimant may take back their own claim. */
export function sendBackCompletion(state: RecommendationState, action: ActionState, actor: Actor, reason: string): RecommendationEvent[] {
  const claim = requireClaimed(action, 'send back');
  if (!sameEmail(actor.email, claim.by)) requireApprover(state, action, actor, 'send back');
  if (isBlank(reason)) throw invalid('A reason is required', [{ field: 'reason', message: 'must not be empty' }]);
  return [{ type: 'ActionCompletionSentBack', data: { actionId: action.id, reason } }];
}

/** An unfinished action as a refused assessment lists it. */
export interface UnfinishedAction extends FieldProblem {
  actionId: string;
  title: string;
  status: ActionStatus;
}

export const unfinishedActions = (state: RecommendationState): UnfinishedAction[] =>
  state.actions
    .filter((a) => UNFINISHED_ACTION_STATUSES.includes(a.status))
    .map((a) => ({ field: 'actions', message: `"${a.title}" is ${a.status}`, actionId: a.id, title: a.title, status: a.status }));

/** An assessment closes the recommendation: refused (409) while any action is unfinished, with the list of them. */
export function requireAllActionsFinished(state: RecommendationState): void {
  const open = unfinishedActions(state);
  if (open.length === 0) return;
  throw new DomainError(
    'conflict',
    `Recommendation ${state.code} cannot be assessed while ${open.length === 1 ? 'an action is' : `${open.length} actions are`} not finished: ` +
      `${open.map((a) => a.message).join(', ')}. Complete (and approve) or cancel each first`,
    open,
  );
}

/** Officers and unit heads act only within these units (an action's: unitsOfAction); the others are not bound to one. */
export function requireUnitIn(actor: Actor, units: readonly string[], what: string): void {
  if ((actor.role === 'officer' || actor.role === 'unit_head') && !(actor.unit !== null && units.includes(actor.unit))) {
    throw forbidden(`Only the unit ${units.join(' or ')} may ${what}; you belong to ${actor.unit ?? 'no unit'}`);
  }
}
