import type { Actor } from '../../kernel/actor';
import { conflict, forbidden, invalid } from '../../kernel/domain-error';
import type { PublicationEvent } from './recommendation.events';
import { findAction, type PublishedSummary, type RecommendationState } from './recommendation.state';

/**
 * Publishing is deliberate. Nothing staff write (action titles, descriptions,
 * progress notes) reaches the public page; a secretary or an admin writes a
 * summary for the public, of the recommendation or of one of its actions, and
 * publishing it is an event with its actor and time. A published summary can be
 * changed (published again) or withdrawn; the history keeps every version.
 * The events (PublicationEvent) and the summary's shape (PublishedSummary) are
 * with the others' in recommendation.events.ts and .state.ts, which fold them.
 */

/** `actionId` null: the recommendation's own summary. */
export type PublicationCommand =
  | { type: 'PublishSummary'; actionId: string | null; text: string; textEn: string | null }
  | { type: 'WithdrawSummary'; actionId: string | null };

const PUBLISHERS: readonly string[] = ['secretary', 'admin'];

function requirePublisher(actor: Actor, what: string): void {
  if (!PUBLISHERS.includes(actor.role)) throw forbidden(`The role ${actor.role} may not ${what} public summaries; a secretary or an admin publishes`);
}

function summaryOf(state: RecommendationState, actionId: string | null): { current: PublishedSummary | null; what: string } {
  if (actionId === null) return { current: state.publicSummary ?? null, what: `recommendation ${state.code}` };
  const action = findAction(state, actionId);
  return { current: action.publicSummary ?? null, what: `action "${action.title}"` };
}

/** The text as published: trimmed, so a stray space neither counts as text nor as a change. */
const tidy = (text: string | null | undefined): string | null => (text && text.trim() ? text.trim() : null);

/** The rules of publishing: who, which text, and a change that changes something. */
export function decidePublication(command: PublicationCommand, state: RecommendationState, actor: Actor): PublicationEvent[] {
  if (command.type === 'PublishSummary') {
    requirePublisher(actor, 'publish');
    const text = tidy(command.text);
    if (text === null) throw invalid('The public summary must not be blank', [{ field: 'text', message: 'must not be empty' }]);
    const textEn = tidy(command.textEn);
    const { current, what } = summaryOf(state, command.actionId);
    if (current && current.text === text && current.textEn === textEn) throw conflict(`This summary of ${what} is already published`);
    return [{ type: 'PublicSummaryPublished', data: { actionId: command.actionId, text, textEn } }];
  }
  requirePublisher(actor, 'withdraw');
  const { current, what } = summaryOf(state, command.actionId);
  if (!current) throw conflict(`No summary of ${what} is published`);
  return [{ type: 'PublicSummaryWithdrawn', data: { actionId: command.actionId } }];
}
