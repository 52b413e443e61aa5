import type { Actor } from '../../kernel/actor';
import { refusal } from '../../../test/support/refusal';
import { decide, type RecommendationCommand } from './recommendation.decide';
import type { RecommendationEvent, Recorded } from './recommendation.events';
import type { RecommendationFacts } from './recommendation.facts';
import { foldRecommendation, type RecommendationState } from './recommendation.state';

const secretary: Actor = { id: 's', email: 'sekreterare@demo.local', name: 'Sekreterare', role: 'secretary', unit: null };
const admin: Actor = { id: 'd', email: 'admin@demo.local', name: 'Admin', role: 'admin', unit: null };
const officer: Actor = { id: 'o', email: 'handlaggare.sfi@demo.local', name: 'Handläggare', role: 'officer', unit: 'sfi' };
const unitHead: Actor = { id: 'h', email: 'chef.sfi@demo.local', name: 'Chef', role: 'unit_head', unit: 'sfi' };
const known: RecommendationFacts = { unitExists: { exists: true }, reviewExists: true, codeTaken: false, ownerIsActiveIn: true };

let clock = 0;
const recorded = (events: RecommendationEvent[], by: Actor): Recorded<RecommendationEvent>[] =>
  events.map((e) => ({ ...e, occurredAt: new Date(Date.UTC(2012, 5, 1) + clock++ * 1000).toISOString(), actorEmail: by.email }));

/** given these commands applied in order, the state that results */
function given(...steps: Array<[RecommendationCommand, Actor]>): RecommendationState {
  let state: RecommendationState | null = null;
  for (const [command, actor] of steps) state = foldRecommendation(recorded(decide(command, state, actor, known), actor), state);
  return state!;
}
const when = (state: RecommendationState, command: RecommendationCommand, actor: Actor) => decide(command, state, actor, known);
const then = (state: RecommendationState, events: RecommendationEvent[], actor: Actor) => foldRecommendation(recorded(events, actor), state)!;

const register: RecommendationCommand = {
  type: 'RegisterRecommendation', recommendationId: 'r2', reviewId: 'rev', code: 'R2', title: 'Uppsökande verksamhet',
  text: 'Utveckla den uppsökande verksamheten', textEn: null, responsibleUnit: 'sfi',
};
const accept: RecommendationCommand = { type: 'RecordDecision', decision: 'accepted', reason: 'Ingår i verksamhetsplanen', meeting: null };
const addAction: RecommendationCommand = {
  type: 'AddAction', actionId: 'a1', title: 'Ring Hanna Handläggare', description: 'intern', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31',
};
const publish = (text: string, textEn: string | null = null, actionId: string | null = null): RecommendationCommand => ({ type: 'PublishSummary', actionId, text, textEn });

describe('publishing a summary for the public page', () => {
  const withAction = () => given([register, secretary], [accept, secretary], [addAction, officer]);

  it('given an action staff wrote, when nothing is published, then the state holds no public summary', () => {
    const state = withAction();
    expect(state.publicSummary ?? null).toBeNull();
    expect(state.actions[0].publicSummary ?? null).toBeNull();
  });

  it('given a recommendation, when a secretary publishes a summary, then it is published with who and when, trimmed, without a blank English text', () => {
    const state = withAction();
    const events = when(state, publish('  Staden kartlägger stadsdelarna.  ', '   '), secretary);
    expect(events).toEqual([{ type: 'PublicSummaryPublished', data: { actionId: null, text: 'Staden kartlägger stadsdelarna.', textEn: null } }]);
    const after = then(state, events, secretary);
    expect(after.publicSummary).toEqual({ text: 'Staden kartlägger stadsdelarna.', textEn: null, publishedAt: expect.any(String), publishedBy: 'sekreterare@demo.local' });
    expect(after.actions[0].publicSummary ?? null).toBeNull();
  });

  it("given an action, when an admin publishes its summary in both languages, then only that action's summary changes", () => {
    const state = withAction();
    const after = then(state, when(state, publish('Kartläggning pågår', 'Mapping under way', 'a1'), admin), admin);
    expect(after.actions[0].publicSummary).toMatchObject({ text: 'Kartläggning pågår', textEn: 'Mapping under way', publishedBy: 'admin@demo.local' });
    expect(after.publicSummary ?? null).toBeNull();
  });

  it('given a published summary, when it is published again with another text, then the new text replaces it', () => {
    const state = given([register, secretary], [publish('Första'), secretary]);
    const after = then(state, when(state, publish('Andra'), secretary), secretary);
    expect(after.publicSummary?.text).toBe('Andra');
  });

  it('given a published summary, when the same text is published again, then it is refused as nothing to change', () => {
    const state = given([register, secretary], [publish('Samma', 'Same'), secretary]);
    expect(refusal(() => when(state, publish(' Samma ', 'Same'), secretary))).toMatchObject({ kind: 'conflict' });
  });

  it.each([officer, unitHead])('given an action, when a $role publishes, then it is forbidden: only secretaries and admins publish', (actor) => {
    expect(refusal(() => when(withAction(), publish('Text', null, 'a1'), actor))).toMatchObject({ kind: 'forbidden' });
  });

  it.each(['', '   ', '\n\t'])('given a recommendation, when the text is blank (%j), then it is refused naming the field text', (text) => {
    expect(refusal(() => when(withAction(), publish(text), secretary))).toMatchObject({ kind: 'invalid', details: [{ field: 'text' }] });
  });

  it('given a recommendation, when a summary of an action it does not have is published, then it is not found', () => {
    expect(refusal(() => when(withAction(), publish('Text', null, 'nope'), secretary))).toMatchObject({ kind: 'not_found' });
  });

  it('given a published summary, when it is withdrawn, then the public sees none again', () => {
    const state = given([register, secretary], [accept, secretary], [addAction, officer], [publish('Text', null, 'a1'), secretary]);
    const events = when(state, { type: 'WithdrawSummary', actionId: 'a1' }, secretary);
    expect(events).toEqual([{ type: 'PublicSummaryWithdrawn', data: { actionId: 'a1' } }]);
    expect(then(state, events, secretary).actions[0].publicSummary).toBeNull();
  });

  it('given nothing published, when a withdrawal is asked for, then it is refused; an officer may not withdraw either', () => {
    expect(refusal(() => when(withAction(), { type: 'WithdrawSummary', actionId: null }, secretary))).toMatchObject({ kind: 'conflict' });
    const published = given([register, secretary], [publish('Text'), secretary]);
    expect(refusal(() => when(published, { type: 'WithdrawSummary', actionId: null }, officer))).toMatchObject({ kind: 'forbidden' });
  });

  it('given a closed recommendation, when a secretary publishes, then it is allowed: the public may learn how it ended', () => {
    const closed = given([register, secretary], [accept, secretary], [{ type: 'RecordAssessment', status: 'implemented', reason: 'Klart', meeting: null }, secretary]);
    expect(when(closed, publish('Genomförd'), secretary)).toHaveLength(1);
  });
});
