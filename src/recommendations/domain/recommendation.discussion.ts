import type { Actor } from '../../kernel/actor';
import { conflict, forbidden, invalid, isBlank } from '../../kernel/domain-error';
import { unitsOfAction } from './recommendation.approval';
import type { AttachmentRef, DiscussionEvent } from './recommendation.events';
import { findAction, type ActionState, type RecommendationState } from './recommendation.state';
import { normalEmail } from '../../kernel/email-address';

/**
 * Evidence as files and the conversation about an action. A file is stored
 * once, by its SHA-256, outside the stream (the attachment tables); the event
 * names it by that hash, so the history and the reports say which bytes were
 * attached. A comment is the event itself. Neither ever reaches the public
 * page: publishing stays deliberate (recommendation.publication.ts).
 */

export type { AttachmentRef, DiscussionEvent };

export type DiscussionCommand =
  | ({ type: 'AddAttachment' } & AttachmentRef)
  | { type: 'CommentOnAction'; actionId: string; commentId: string; text: string };

/** At most 25 MB a file: a scanned protocol fits, a video does not. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_COMMENT_LENGTH = 5000;

/** Those who work on the action (officers and heads of its units), and the secretaries and admins who follow it up; an auditor reads. */
export function requireParticipant(actor: Actor, state: Pick<RecommendationState, 'responsibleUnit'>, action: Pick<ActionState, 'responsibleUnit' | 'title'>, what: string): void {
  if (actor.role === 'secretary' || actor.role === 'admin') return;
  const units = unitsOfAction(state, action);
  if ((actor.role === 'officer' || actor.role === 'unit_head') && actor.unit !== null && units.includes(actor.unit)) return;
  throw forbidden(`Only officers and heads of ${units.join(' or ')}, secretaries and admins may ${what} action "${action.title}"`);
}

/** The rules of attaching and commenting. Evidence is for work that counts: not for a cancelled action. */
export function decideDiscussion(command: DiscussionCommand, state: RecommendationState, actor: Actor): DiscussionEvent[] {
  const action = findAction(state, command.actionId);
  if (command.type === 'AddAttachment') {
    requireParticipant(actor, state, action, 'attach files to');
    if (action.status === 'cancelled') throw conflict(`Cannot attach a file: action "${action.title}" is cancelled`);
    if (isBlank(command.filename)) throw invalid('The file has no name', [{ field: 'file', message: 'must have a file name' }]);
    if (command.size <= 0) throw invalid('The file is empty', [{ field: 'file', message: 'must not be empty' }]);
    if (command.size > MAX_ATTACHMENT_BYTES) throw invalid('The file is larger than 25 MB', [{ field: 'file', message: 'must be at most 25 MB' }]);
    if (!/^[0-9a-f]{64}$/.test(command.sha256)) throw invalid('The file hash is not a SHA-256', [{ field: 'sha256', message: 'must be 64 hex digits' }]);
    const { type: _type, ...data } = command;
    return [{ type: 'AttachmentAdded', data }];
  }
  requireParticipant(actor, state, action, 'comment on');
  const text = command.text.trim();
  if (!text) throw invalid('A comment must not be blank', [{ field: 'text', message: 'must not be empty' }]);
  if (text.length > MAX_COMMENT_LENGTH) throw invalid('The comment is too long', [{ field: 'text', message: `must be at most ${MAX_COMMENT_LENGTH} characters` }]);
  return [{ type: 'ActionCommented', data: { actionId: action.id, commentId: command.commentId, text } }];
}

/** Attachments and comments per action, from a recommendation's history in order: what the page and the API list. */
export interface ThreadEntry {
  commentId: string;
  text: string;
  at: string;
  by: { email: string; name: string; role: string };
}

export interface Discussion {
  attachments: Array<Omit<AttachmentRef, 'actionId'> & { at: string; by: string }>;
  comments: ThreadEntry[];
}

export function discussionsOf(
  history: ReadonlyArray<{ type: string; occurredAt: string; actor: { email?: string; name: string; role: string }; data: any }>,
): Map<string, Discussion> {
  const byAction = new Map<string, Discussion>();
  const of = (actionId: string) => {
    let d = byAction.get(actionId);
    if (!d) byAction.set(actionId, (d = { attachments: [], comments: [] }));
    return d;
  };
  for (const e of history) {
    if (e.type === 'AttachmentAdded') {
      const { actionId, ...file } = e.data as AttachmentRef;
      of(actionId).attachments.push({ ...file, at: e.occurredAt, by: e.actor.name });
    } else if (e.type === 'ActionCommented') {
      of(e.data.actionId).comments.push({ commentId: e.data.commentId, text: e.data.text, at: e.occurredAt, by: { email: e.actor.email ?? '', name: e.actor.name, role: e.actor.role } });
    }
  }
  return byAction;
}

/**
 * Who hears of a comment: the action's owner and everyone who wrote in the
 * thread before, never the writer. The unit's head is told when they take
 * part, so a thread does not fill every head's inbox.
 */
export function commentRecipients(action: Pick<ActionState, 'ownerEmail'>, thread: ReadonlyArray<Pick<ThreadEntry, 'by'>>, writerEmail: string): string[] {
  const key = normalEmail;
  const writer = key(writerEmail);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const email of [action.ownerEmail, ...thread.map((c) => c.by.email)]) {
    const k = key(email);
    if (!k || k === writer || seen.has(k)) continue;
    seen.add(k);
    out.push(email.trim());
  }
  return out;
}
