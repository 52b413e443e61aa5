import { conflict, invalid, notFound, requireText } from '../../kernel/domain-error';
import type { CorrectionTarget, MeetingReference, RecommendationEvent } from './recommendation.events';
import type { ActionState, ProgressUpdate, RecommendationState } from './recommendation.state';

export { CORRECTION_TARGETS, type CorrectionTarget } from './recommendation.events';

/**
 * Corrections: what was entered by mistake is corrected with a reason, and
 * both versions stay in the history. An action's title and description are
 * edited; a progress note is retracted (it stays, marked, and no longer
 * counts); a committee decision or assessment recorded by mistake is marked
 * corrected and the status returns to what it was before it. Blank text and a
 * due date moved into the past are refused here too, so no writer (the API,
 * the seed, the worker) can get round the request DTOs.
 */

export type CorrectionCommand =
  | { type: 'EditAction'; actionId: string; title: string | null; description: string | null | undefined; reason: string }
  | { type: 'RetractProgress'; actionId: string; updateSeq: number; reason: string }
  | { type: 'CorrectCommittee'; corrects: CorrectionTarget; reason: string; meeting: MeetingReference | null };

/** A new due date may not be before today (Stockholm); adding an action with a past date records what already happened and is allowed. */
export function requireNotPast(dueDate: string, today: string): void {
  if (dueDate < today) throw invalid(`dueDate ${dueDate} is before today (${today})`, [{ field: 'dueDate', message: `must not be before today, ${today}` }]);
}

/** The edit of an action's title and description; what is not given stays, and an edit that changes nothing is refused. */
export function editAction(action: ActionState, command: Extract<CorrectionCommand, { type: 'EditAction' }>): RecommendationEvent[] {
  requireText('reason', command.reason);
  if (command.title !== null) requireText('title', command.title);
  const title = command.title === null ? action.title : command.title.trim();
  const description = command.description === undefined ? action.description : command.description?.trim() || null;
  if (title === action.title && description === action.description) throw conflict(`Action "${action.title}" already has this title and description`);
  return [
    {
      type: 'ActionEdited',
      data: { actionId: action.id, title, description, previousTitle: action.title, previousDescription: action.description, reason: command.reason },
    },
  ];
}

/** The note numbered `seq` (from 1, in the order reported) of a whole action's notes. */
const noteOf = (action: ActionState, seq: number): ProgressUpdate | undefined => (Number.isInteger(seq) && seq >= 1 ? action.updates[seq - 1] : undefined);

/** What an action's progress is with these notes counted: the latest one not retracted, 0 with none. */
export function countedProgress(updates: readonly ProgressUpdate[], leaving: number | null = null): number {
  for (let i = updates.length - 1; i >= 0; i--) if (i + 1 !== leaving && !updates[i].retracted) return updates[i].progressPercent;
  return 0;
}

/** A note retracted: it stays, marked, and the action's progress falls back to the latest note still counted. */
export function retractProgress(action: ActionState, seq: number, reason: string): RecommendationEvent[] {
  requireText('reason', reason);
  const note = noteOf(action, seq);
  if (!note) throw notFound(`Action "${action.title}" has no progress note ${seq}`);
  if (note.retracted) throw conflict(`Note ${seq} of action "${action.title}" is already retracted`);
  return [{ type: 'ActionProgressRetracted', data: { actionId: action.id, updateSeq: seq, reason, progressPercent: countedProgress(action.updates, seq) } }];
}

/**
 * The latest decision or assessment corrected. Only while the status is still
 * the one it set: a decision's work that has started (actions added), or an
 * assessment since reopened, is not a mistake to undo but a history to go on from.
 */
export function correctCommittee(state: RecommendationState, command: Extract<CorrectionCommand, { type: 'CorrectCommittee' }>): RecommendationEvent[] {
  requireText('reason', command.reason);
  const record = command.corrects === 'decision' ? state.decision : state.assessment;
  const outcome = state.decision && command.corrects === 'decision' ? state.decision.decision : state.assessment?.status;
  const undo = (state.committeeUndo ?? []).slice(-1)[0];
  if (!record || !outcome || !undo || undo.corrects !== command.corrects || state.status !== outcome) {
    throw conflict(`Recommendation ${state.code} is ${state.status}: there is no ${command.corrects} that set it to correct`);
  }
  return [
    {
      type: 'RecommendationCorrected',
      data: {
        corrects: command.corrects,
        corrected: outcome,
        reason: command.reason,
        meeting: command.meeting,
        status: undo.status,
        decision: undo.decision,
        assessment: undo.assessment,
      },
    },
  ];
}
