import type { Actor } from '../../kernel/actor';
import { refusal } from '../../../test/support/refusal';
import { decide, type RecommendationCommand } from './recommendation.decide';
import { commentRecipients, discussionsOf } from './recommendation.discussion';
import type { RecommendationEvent, Recorded } from './recommendation.events';
import type { RecommendationFacts } from './recommendation.facts';
import { foldRecommendation, type RecommendationState } from './recommendation.state';

const secretary: Actor = { id: 's', email: 'sekreterare@demo.local', name: 'Sekreterare', role: 'secretary', unit: null };
const officer: Actor = { id: 'o', email: 'handlaggare.sfi@demo.local', name: 'Handläggare', role: 'officer', unit: 'sfi' };
const head: Actor = { id: 'h', email: 'chef.sfi@demo.local', name: 'Chef', role: 'unit_head', unit: 'sfi' };
const foreign: Actor = { id: 'u', email: 'handlaggare.utredning@demo.local', name: 'Utredare', role: 'officer', unit: 'utredning' };
const auditor: Actor = { id: 'a', email: 'revisor@demo.local', name: 'Revisor', role: 'auditor', unit: null };
const known: RecommendationFacts = { unitExists: { exists: true }, reviewExists: true, codeTaken: false, ownerIsActiveIn: true };

const recorded = (events: RecommendationEvent[], by: Actor): Recorded<RecommendationEvent>[] =>
  events.map((e) => ({ ...e, occurredAt: '2012-06-01T08:00:00.000Z', actorEmail: by.email }));
function given(...steps: Array<[RecommendationCommand, Actor]>): RecommendationState {
  let state: RecommendationState | null = null;
  for (const [command, actor] of steps) state = foldRecommendation(recorded(decide(command, state, actor, known), actor), state);
  return state!;
}

const register: RecommendationCommand = {
  type: 'RegisterRecommendation', recommendationId: 'r2', reviewId: 'rev', code: 'R2', title: 'Uppsökande verksamhet', text: 'Utveckla', textEn: null, responsibleUnit: 'sfi',
};
const accept: RecommendationCommand = { type: 'RecordDecision', decision: 'accepted', reason: 'Ingår i verksamhetsplanen', meeting: null };
const addAction: RecommendationCommand = {
  type: 'AddAction', actionId: 'a1', title: 'Möten i Rinkeby', description: null, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31',
};
const file = { attachmentId: 'f1', actionId: 'a1', filename: 'protokoll.pdf', contentType: 'application/pdf', size: 1200, sha256: 'a'.repeat(64) };
const attach: RecommendationCommand = { type: 'AddAttachment', ...file };
const comment = (text: string, actionId = 'a1'): RecommendationCommand => ({ type: 'CommentOnAction', actionId, commentId: 'c1', text });

describe('files and comments on an action', () => {
  const withAction = () => given([register, secretary], [accept, secretary], [addAction, officer]);

  it('given an action, when its officer attaches a file, then the event names it by its SHA-256 and the state is otherwise unchanged', () => {
    const state = withAction();
    const events = decide(attach, state, officer, known);
    expect(events).toEqual([{ type: 'AttachmentAdded', data: file }]);
    const after = foldRecommendation(recorded(events, officer), state)!;
    expect(after.version).toBe(state.version + 1);
    expect(after.actions).toEqual(state.actions);
  });

  it('lets the unit head, secretaries and admins take part; refuses another unit and the auditor; a cancelled action takes no files', () => {
    const state = withAction();
    expect(decide(comment('Hej'), state, head, known)).toHaveLength(1);
    expect(decide(comment('Hej'), state, secretary, known)).toHaveLength(1);
    expect(refusal(() => decide(comment('Hej'), state, foreign, known))).toMatchObject({ kind: 'forbidden' });
    expect(refusal(() => decide(attach, state, auditor, known))).toMatchObject({ kind: 'forbidden' });
    const cancelled = given([register, secretary], [accept, secretary], [addAction, officer], [{ type: 'CancelAction', actionId: 'a1', reason: 'Ersatt' }, officer]);
    expect(refusal(() => decide(attach, cancelled, officer, known))).toMatchObject({ kind: 'conflict' });
    expect(decide(comment('Varför avbröts den?'), cancelled, secretary, known)).toHaveLength(1);
  });

  it('refuses a blank comment naming text, an unknown action with 404, and trims what it keeps', () => {
    const state = withAction();
    expect(refusal(() => decide(comment('   '), state, officer, known))).toMatchObject({ kind: 'invalid', details: [{ field: 'text' }] });
    expect(refusal(() => decide(comment('Hej', 'nope'), state, officer, known))).toMatchObject({ kind: 'not_found' });
    expect(decide(comment('  Hej  '), state, officer, known)).toEqual([{ type: 'ActionCommented', data: { actionId: 'a1', commentId: 'c1', text: 'Hej' } }]);
  });

  it('mails the owner and those who wrote before, never the writer, each once', () => {
    const thread = [{ by: { email: 'Sekreterare@demo.local', name: 'S', role: 'secretary' } }, { by: { email: 'chef.sfi@demo.local', name: 'C', role: 'unit_head' } }];
    expect(commentRecipients({ ownerEmail: 'handlaggare.sfi@demo.local' }, thread, 'chef.sfi@demo.local')).toEqual(['handlaggare.sfi@demo.local', 'Sekreterare@demo.local']);
    expect(commentRecipients({ ownerEmail: 'handlaggare.sfi@demo.local' }, [], 'handlaggare.sfi@demo.local')).toEqual([]);
  });

  it('reads each action’s files and thread from the history, in order', () => {
    const actor = { email: 'handlaggare.sfi@demo.local', name: 'Handläggare', role: 'officer' };
    const d = discussionsOf([
      { type: 'AttachmentAdded', occurredAt: '2012-06-01T08:00:00Z', actor, data: file },
      { type: 'ActionCommented', occurredAt: '2012-06-01T09:00:00Z', actor, data: { actionId: 'a1', commentId: 'c1', text: 'Se protokollet' } },
      { type: 'ActionProgressReported', occurredAt: '2012-06-01T10:00:00Z', actor, data: { actionId: 'a1' } },
    ]).get('a1')!;
    expect(d.attachments).toEqual([{ attachmentId: 'f1', filename: 'protokoll.pdf', contentType: 'application/pdf', size: 1200, sha256: 'a'.repeat(64), at: '2012-06-01T08:00:00Z', by: 'Handläggare' }]);
    expect(d.comments.map((c) => c.text)).toEqual(['Se protokollet']);
  });
});
