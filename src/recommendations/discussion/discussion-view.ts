import type { Actor } from '../../kernel/actor';
import { discussionsOf, requireParticipant, type Discussion } from '../domain/recommendation.discussion';
import { paths } from '../../kernel/paths';

/** An action's files and thread as the page shows them, and whether this user may add to them. */
export interface ActionDiscussion extends Discussion {
  canWrite: boolean;
  /** Files are evidence of work that counts: none is added to a cancelled action (the rule refused it; the form was offered all the same). */
  canAttach: boolean;
  fileUrl: (id: string) => string;
}

const participates = (user: Actor | null, rec: { responsibleUnit: string }, action: { responsibleUnit: string; title: string }): boolean => {
  if (!user) return false;
  try {
    requireParticipant(user, rec, action, 'discuss');
    return true;
  } catch {
    return false;
  }
};

/** Per action id, from the history the page shows (so "as of" shows the files and comments of then, read only). */
export function discussionView(
  history: Parameters<typeof discussionsOf>[0],
  rec: { id: string; responsibleUnit: string; actions: ReadonlyArray<{ id: string; responsibleUnit: string; title: string; status: string }> },
  user: Actor | null,
  writable: boolean,
): Record<string, ActionDiscussion> {
  const byAction = discussionsOf(history);
  return Object.fromEntries(
    rec.actions.map((a) => {
      const canWrite = writable && participates(user, rec, a);
      return [
        a.id,
        { ...(byAction.get(a.id) ?? { attachments: [], comments: [] }), canWrite, canAttach: canWrite && a.status !== 'cancelled', fileUrl: (fileId: string) => paths.attachment(rec.id, fileId) },
      ];
    }),
  );
}
