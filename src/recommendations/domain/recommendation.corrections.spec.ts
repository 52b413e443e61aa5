import type { Actor } from '../../kernel/actor';
import { decideReview } from '../../reviews/domain/review';
import { refusal } from '../../../test/support/refusal';
import { decide, type RecommendationCommand } from './recommendation.decide';
import type { RecommendationEvent, Recorded } from './recommendation.events';
import type { RecommendationFacts } from './recommendation.facts';
import { foldRecommendation, progressOf, type RecommendationState } from './recommendation.state';

const secretary: Actor = { id: 's', email: 'sekreterare@demo.local', name: 'Sekreterare', role: 'secretary', unit: null };
const sfiOfficer: Actor = { id: 'o', email: 'handlaggare.sfi@demo.local', name: 'Handläggare', role: 'officer', unit: 'sfi' };
const utredningOfficer: Actor = { ...sfiOfficer, id: 'u', email: 'handlaggare.utredning@demo.local', unit: 'utredning' };
const known: RecommendationFacts = { unitExists: { exists: true }, reviewExists: true, codeTaken: false, ownerIsActiveIn: true };

let clock = 0;
const recorded = (events: RecommendationEvent[], by: Actor): Recorded<RecommendationEvent>[] =>
  events.map((e) => ({ ...e, occurredAt: new Date(Date.UTC(2012, 3, 1) + clock++ * 1000).toISOString(), actorEmail: by.email }));

function given(...steps: Array<[RecommendationCommand, Actor]>): RecommendationState {
  let state: RecommendationState | null = null;
  for (const [command, actor] of steps) state = foldRecommendation(recorded(decide(command, state, actor, known), actor), state);
  return state!;
}
const when = (state: RecommendationState, command: RecommendationCommand, actor: Actor) => foldRecommendation(recorded(decide(command, state, actor, known), actor), state)!;

const register: RecommendationCommand = {
  type: 'RegisterRecommendation',
  recommendationId: 'r2',
  reviewId: 'rev',
  code: 'R2',
  title: 'Uppsökande verksamhet',
  text: 'Utveckla den uppsökande verksamheten',
  textEn: null,
  responsibleUnit: 'sfi',
};
const decision = (outcome: 'accepted' | 'rejected' | 'deferred'): RecommendationCommand => ({ type: 'RecordDecision', decision: outcome, reason: 'Nämndens beslut', meeting: null });
const addAction: RecommendationCommand = { type: 'AddAction', actionId: 'a1', title: 'Kartlägg stadsdelarna', description: null, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' };
const progress = (pct: number, note = `Nu ${pct} %`): RecommendationCommand => ({ type: 'ReportProgress', actionId: 'a1', progressPercent: pct, note, evidence: [] });
const withAction = () => given([register, secretary], [decision('accepted'), secretary], [addAction, sfiOfficer]);

describe('corrections', () => {
  describe('editing an action', () => {
    it('given an action, when its officer corrects the title with a reason, then the title changes and the event keeps both versions', () => {
      const state = withAction();
      const events = decide({ type: 'EditAction', actionId: 'a1', title: 'Kartlägg alla stadsdelar', description: undefined, reason: 'Stavfel' }, state, sfiOfficer, known);
      expect(events).toEqual([
        { type: 'ActionEdited', data: { actionId: 'a1', title: 'Kartlägg alla stadsdelar', description: null, previousTitle: 'Kartlägg stadsdelarna', previousDescription: null, reason: 'Stavfel' } },
      ]);
      expect(foldRecommendation(recorded(events, sfiOfficer), state)!.actions[0].title).toBe('Kartlägg alla stadsdelar');
    });

    it('given an action, when the title is only whitespace or the reason is missing, then it is refused naming the field', () => {
      const state = withAction();
      expect(refusal(() => decide({ type: 'EditAction', actionId: 'a1', title: '   ', description: undefined, reason: 'x' }, state, sfiOfficer, known))).toMatchObject({ kind: 'invalid', details: [{ field: 'title' }] });
      expect(refusal(() => decide({ type: 'EditAction', actionId: 'a1', title: 'Ny', description: undefined, reason: ' ' }, state, sfiOfficer, known))).toMatchObject({ kind: 'invalid', details: [{ field: 'reason' }] });
    });

    it('given an action, when an edit changes nothing, then it is a conflict; when another unit edits it, forbidden', () => {
      const state = withAction();
      expect(refusal(() => decide({ type: 'EditAction', actionId: 'a1', title: 'Kartlägg stadsdelarna', description: undefined, reason: 'x' }, state, sfiOfficer, known)).kind).toBe('conflict');
      expect(refusal(() => decide({ type: 'EditAction', actionId: 'a1', title: 'Ny', description: undefined, reason: 'x' }, state, utredningOfficer, known)).kind).toBe('forbidden');
    });

    it('given an action with a description, when the description is sent empty, then it is cleared', () => {
      const state = when(withAction(), { type: 'EditAction', actionId: 'a1', title: null, description: 'Med alla fem', reason: 'Förtydligat' }, sfiOfficer);
      expect(state.actions[0].description).toBe('Med alla fem');
      expect(when(state, { type: 'EditAction', actionId: 'a1', title: null, description: '', reason: 'Onödig' }, sfiOfficer).actions[0].description).toBeNull();
    });
  });

  describe('retracting a progress note', () => {
    it('given notes of 30 % and 60 %, when the second is retracted, then it stays marked and progress is back at 30 %', () => {
      const state = given([register, secretary], [decision('accepted'), secretary], [addAction, sfiOfficer], [progress(30), sfiOfficer], [progress(60, 'Fel åtgärd'), sfiOfficer]);
      const after = when(state, { type: 'RetractProgress', actionId: 'a1', updateSeq: 2, reason: 'Rapporterat på fel åtgärd' }, sfiOfficer);
      expect(after.actions[0].progressPercent).toBe(30);
      expect(progressOf(after)).toBe(30);
      expect(after.actions[0].updates).toHaveLength(2);
      expect(after.actions[0].updates[1].retracted).toMatchObject({ seq: 2, by: sfiOfficer.email, reason: 'Rapporterat på fel åtgärd' });
    });

    it('given one note, when it is retracted, then progress is 0; when it is retracted again, a conflict', () => {
      const state = given([register, secretary], [decision('accepted'), secretary], [addAction, sfiOfficer], [progress(40), sfiOfficer]);
      const after = when(state, { type: 'RetractProgress', actionId: 'a1', updateSeq: 1, reason: 'Fel' }, sfiOfficer);
      expect(after.actions[0].progressPercent).toBe(0);
      expect(refusal(() => decide({ type: 'RetractProgress', actionId: 'a1', updateSeq: 1, reason: 'Igen' }, after, sfiOfficer, known)).kind).toBe('conflict');
    });

    it('given notes where the latest is retracted, when the earlier latest is retracted too, then progress skips both', () => {
      let state = given([register, secretary], [decision('accepted'), secretary], [addAction, sfiOfficer], [progress(10), sfiOfficer], [progress(20), sfiOfficer], [progress(50), sfiOfficer]);
      state = when(state, { type: 'RetractProgress', actionId: 'a1', updateSeq: 3, reason: 'Fel' }, sfiOfficer);
      state = when(state, { type: 'RetractProgress', actionId: 'a1', updateSeq: 2, reason: 'Fel' }, sfiOfficer);
      expect(state.actions[0].progressPercent).toBe(10);
    });

    it('given an action, when a note it does not have is retracted or no reason is given, then 404 and 400', () => {
      const state = given([register, secretary], [decision('accepted'), secretary], [addAction, sfiOfficer], [progress(40), sfiOfficer]);
      expect(refusal(() => decide({ type: 'RetractProgress', actionId: 'a1', updateSeq: 7, reason: 'Fel' }, state, sfiOfficer, known)).kind).toBe('not_found');
      expect(refusal(() => decide({ type: 'RetractProgress', actionId: 'a1', updateSeq: 1, reason: '\n ' }, state, sfiOfficer, known))).toMatchObject({ kind: 'invalid', details: [{ field: 'reason' }] });
    });
  });

  describe('correcting a committee decision or assessment', () => {
    it('given a mistaken rejection, when the secretary corrects it, then the recommendation is received again with no decision', () => {
      const rejected = given([register, secretary], [decision('rejected'), secretary]);
      const after = when(rejected, { type: 'CorrectCommittee', corrects: 'decision', reason: 'Fel ärende', meeting: null }, secretary);
      expect(after.status).toBe('received');
      expect(after.decision).toBeNull();
      expect(decide(decision('accepted'), after, secretary, known)[0].type).toBe('RecommendationDecided');
    });

    it('given a deferral and then a mistaken rejection, when the rejection is corrected, then it is deferred again with the deferral as its decision', () => {
      const state = given([register, secretary], [decision('deferred'), secretary], [decision('rejected'), secretary]);
      const after = when(state, { type: 'CorrectCommittee', corrects: 'decision', reason: 'Fel', meeting: null }, secretary);
      expect(after.status).toBe('deferred');
      expect(after.decision?.decision).toBe('deferred');
    });

    it('given a mistaken assessment, when it is corrected, then the status before it returns', () => {
      const state = given([register, secretary], [decision('accepted'), secretary], [{ type: 'RecordAssessment', status: 'not_implemented', reason: 'Fel', meeting: null }, secretary]);
      const after = when(state, { type: 'CorrectCommittee', corrects: 'assessment', reason: 'Fel rekommendation', meeting: null }, secretary);
      expect(after.status).toBe('accepted');
      expect(after.assessment).toBeNull();
    });

    it('given an acceptance whose work has begun, when it is corrected, then it is a conflict; an officer may not correct at all', () => {
      const started = withAction();
      expect(refusal(() => decide({ type: 'CorrectCommittee', corrects: 'decision', reason: 'Fel', meeting: null }, started, secretary, known)).kind).toBe('conflict');
      const rejected = given([register, secretary], [decision('rejected'), secretary]);
      expect(refusal(() => decide({ type: 'CorrectCommittee', corrects: 'decision', reason: 'Fel', meeting: null }, rejected, sfiOfficer, known)).kind).toBe('forbidden');
      expect(refusal(() => decide({ type: 'CorrectCommittee', corrects: 'assessment', reason: 'Fel', meeting: null }, rejected, secretary, known)).kind).toBe('conflict');
      expect(refusal(() => decide({ type: 'CorrectCommittee', corrects: 'decision', reason: '  ', meeting: null }, rejected, secretary, known)).kind).toBe('invalid');
    });
  });

  describe('entries that make sense', () => {
    it('given an action, when it is rescheduled to a day before today, then it is refused naming dueDate; today itself is fine', () => {
      const state = withAction();
      const past = refusal(() => decide({ type: 'RescheduleAction', actionId: 'a1', dueDate: '2012-05-01', reason: 'Senare', today: '2012-05-02' }, state, sfiOfficer, known));
      expect(past).toMatchObject({ kind: 'invalid', details: [{ field: 'dueDate' }] });
      expect(decide({ type: 'RescheduleAction', actionId: 'a1', dueDate: '2012-05-02', reason: 'Senare', today: '2012-05-02' }, state, sfiOfficer, known)[0].type).toBe('ActionRescheduled');
    });

    it('given an accepted recommendation, when an action is added with a past due date, then it is allowed (what already happened)', () => {
      const state = given([register, secretary], [decision('accepted'), secretary]);
      expect(decide({ ...addAction, dueDate: '1999-01-01' } as RecommendationCommand, state, sfiOfficer, known)[0].type).toBe('ActionAdded');
    });

    it('when required text is only whitespace, then it is refused naming the field, whoever writes', () => {
      expect(refusal(() => decide({ ...register, title: ' \t ' } as RecommendationCommand, null, secretary, known))).toMatchObject({ kind: 'invalid', details: [{ field: 'title' }] });
      const accepted = given([register, secretary], [decision('accepted'), secretary]);
      expect(refusal(() => decide({ ...addAction, title: '  ' } as RecommendationCommand, accepted, sfiOfficer, known))).toMatchObject({ kind: 'invalid', details: [{ field: 'title' }] });
      expect(refusal(() => decide(progress(10, '   '), withAction(), sfiOfficer, known))).toMatchObject({ kind: 'invalid', details: [{ field: 'note' }] });
    });

    it('when a review is registered with a blank title, then it is refused naming title, as the recommendations are', () => {
      const review = { type: 'RegisterReview', reviewId: 'rev', title: '  ', reviewer: 'EUROCITIES', reviewedOn: '2011-09-30', committee: 'Arbetsmarknadsnämnden', diaryNumber: null } as const;
      expect(refusal(() => decideReview(review, null, secretary))).toMatchObject({ kind: 'invalid', details: [{ field: 'title' }] });
    });
  });
});
