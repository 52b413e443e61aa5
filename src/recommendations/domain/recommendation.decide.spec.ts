import type { Actor } from '../../kernel/actor';
import { refusal } from '../../../test/support/refusal';
import { decide, factsNeeded, type RecommendationCommand } from './recommendation.decide';
import type { RecommendationEvent, Recorded } from './recommendation.events';
import type { RecommendationFacts } from './recommendation.facts';
import { foldRecommendation, progressOf, type RecommendationState } from './recommendation.state';

const secretary: Actor = { id: 's', email: 'sekreterare@demo.local', name: 'Sekreterare', role: 'secretary', unit: null };
const sfiOfficer: Actor = { id: 'o', email: 'handlaggare.sfi@demo.local', name: 'Handläggare', role: 'officer', unit: 'sfi' };
const utredningOfficer: Actor = { ...sfiOfficer, id: 'u', unit: 'utredning' };
const auditor: Actor = { id: 'a', email: 'revisor@demo.local', name: 'Revisor', role: 'auditor', unit: null };

/** A city where every unit, review and owner named exists and no code is taken yet. */
const known: RecommendationFacts = { unitExists: { exists: true }, reviewExists: true, codeTaken: false, ownerIsActiveIn: true };

let clock = 0;
const recorded = (events: RecommendationEvent[], by = secretary): Recorded<RecommendationEvent>[] =>
  events.map((e) => ({ ...e, occurredAt: new Date(Date.UTC(2012, 3, 1) + clock++ * 1000).toISOString(), actorEmail: by.email }));

/** given these commands applied in order, the state that results */
function given(...steps: Array<[RecommendationCommand, Actor]>): RecommendationState {
  let state: RecommendationState | null = null;
  for (const [command, actor] of steps) state = foldRecommendation(recorded(decide(command, state, actor, known), actor), state);
  return state!;
}

const register: RecommendationCommand = {
  type: 'RegisterRecommendation',
  recommendationId: 'r2',
  reviewId: 'rev',
  code: 'R2',
  title: 'Uppsökande verksamhet',
  text: 'Utveckla den uppsökande verksamheten i stadsdelsområdena',
  textEn: null,
  responsibleUnit: 'sfi',
};
const accept: RecommendationCommand = { type: 'RecordDecision', decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-06-12', paragraph: '§ 12' } };
const addAction: RecommendationCommand = { type: 'AddAction', actionId: 'a1', title: 'Kartlägg stadsdelarna', description: null, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' };

describe('recommendation rules', () => {
  it('a registered recommendation is received', () => {
    expect(given([register, secretary]).status).toBe('received');
  });

  it('an accepted recommendation goes in progress with its first action', () => {
    const state = given([register, secretary], [accept, secretary], [addAction, sfiOfficer]);
    expect(state.status).toBe('in_progress');
    expect(state.actions[0]).toMatchObject({ status: 'planned', originalDueDate: '2012-08-31' });
  });

  it('a received recommendation cannot be assessed', () => {
    const state = given([register, secretary]);
    const e = refusal(() => decide({ type: 'RecordAssessment', status: 'implemented', reason: 'klart', meeting: null }, state, secretary, known));
    expect(e.kind).toBe('conflict');
  });

  it('a deferred recommendation can later be accepted, but not deferred again', () => {
    const deferred = given([register, secretary], [{ ...accept, decision: 'deferred' } as RecommendationCommand, secretary]);
    expect(refusal(() => decide({ ...accept, decision: 'deferred' } as RecommendationCommand, deferred, secretary, known)).kind).toBe('conflict');
    expect(decide(accept, deferred, secretary, known)[0].type).toBe('RecommendationDecided');
  });

  it('an officer may not record a committee decision', () => {
    expect(refusal(() => decide(accept, given([register, secretary]), sfiOfficer, known)).kind).toBe('forbidden');
  });

  it('an auditor writes nothing', () => {
    const state = given([register, secretary], [accept, secretary]);
    expect(refusal(() => decide(addAction, state, auditor, known)).kind).toBe('forbidden');
  });

  it('an officer of another unit may not add actions', () => {
    const state = given([register, secretary], [accept, secretary]);
    expect(refusal(() => decide(addAction, state, utredningOfficer, known)).kind).toBe('forbidden');
  });

  it('a reschedule keeps the original due date and needs a reason', () => {
    const state = given([register, secretary], [accept, secretary], [addAction, sfiOfficer]);
    expect(refusal(() => decide({ type: 'RescheduleAction', actionId: 'a1', dueDate: '2012-10-31', reason: ' ', today: '2012-04-01' }, state, sfiOfficer, known)).kind).toBe('invalid');
    const moved = given(
      [register, secretary],
      [accept, secretary],
      [addAction, sfiOfficer],
      [{ type: 'RescheduleAction', actionId: 'a1', dueDate: '2012-10-31', reason: 'Väntar på statistik', today: '2012-04-01' }, sfiOfficer],
    );
    expect(moved.actions[0]).toMatchObject({ dueDate: '2012-10-31', originalDueDate: '2012-08-31' });
  });

  it('a due date the calendar cannot follow is refused as invalid input naming dueDate, when added or rescheduled', () => {
    const accepted = given([register, secretary], [accept, secretary]);
    const far = refusal(() => decide({ ...addAction, dueDate: '9999-12-31' } as RecommendationCommand, accepted, sfiOfficer, known));
    expect(far).toMatchObject({ kind: 'invalid', details: [{ field: 'dueDate', message: 'must be between 1900-01-01 and 2200-12-31' }] });
    const withAction = given([register, secretary], [accept, secretary], [addAction, sfiOfficer]);
    const impossible = refusal(() => decide({ type: 'RescheduleAction', actionId: 'a1', dueDate: '2012-02-30', reason: 'Senare', today: '2012-04-01' }, withAction, sfiOfficer, known));
    expect(impossible).toMatchObject({ kind: 'invalid', details: [{ field: 'dueDate' }] });
  });

  it('progress is the mean of the actions, cancelled ones left out', () => {
    const state = given(
      [register, secretary],
      [accept, secretary],
      [addAction, sfiOfficer],
      [{ ...addAction, actionId: 'a2' } as RecommendationCommand, sfiOfficer],
      [{ ...addAction, actionId: 'a3' } as RecommendationCommand, sfiOfficer],
      [{ type: 'ReportProgress', actionId: 'a1', progressPercent: 40, note: 'Halvvägs', evidence: [] }, sfiOfficer],
      [{ type: 'CompleteAction', actionId: 'a2', note: 'Klar' }, sfiOfficer],
      [{ type: 'ApproveCompletion', actionId: 'a2', note: null }, secretary],
      [{ type: 'CancelAction', actionId: 'a3', reason: 'Ersatt av a2' }, sfiOfficer],
    );
    expect(progressOf(state)).toBe(70);
  });

  it('a completed action takes no more progress', () => {
    const state = given([register, secretary], [accept, secretary], [addAction, sfiOfficer], [{ type: 'CompleteAction', actionId: 'a1', note: 'Klar' }, sfiOfficer], [{ type: 'ApproveCompletion', actionId: 'a1', note: null }, secretary]);
    expect(refusal(() => decide({ type: 'ReportProgress', actionId: 'a1', progressPercent: 50, note: 'x', evidence: [] }, state, sfiOfficer, known)).kind).toBe('conflict');
  });

  it('an assessed recommendation can be reopened with a reason, and then takes actions again', () => {
    const closed = given(
      [register, secretary],
      [accept, secretary],
      [{ type: 'RecordAssessment', status: 'partially_implemented', reason: 'Delvis', meeting: null }, secretary],
    );
    expect(refusal(() => decide(addAction, closed, sfiOfficer, known)).kind).toBe('conflict');
    const reopened = given(
      [register, secretary],
      [accept, secretary],
      [{ type: 'RecordAssessment', status: 'partially_implemented', reason: 'Delvis', meeting: null }, secretary],
      [{ type: 'ReopenRecommendation', reason: 'Nytt underlag' }, secretary],
    );
    expect(reopened.status).toBe('in_progress');
  });
});

describe('rules that need facts from outside the recommendation', () => {
  const unknownUnit: RecommendationFacts = { ...known, unitExists: { exists: false, knownUnits: ['sfi', 'utredning'] } };
  const assign = (responsibleUnit: string | null): RecommendationCommand => ({ type: 'AssignAction', actionId: 'a1', ownerEmail: 'chef.sfi@demo.local', responsibleUnit });

  it('a registration asks whether its unit and review exist and whether its code is taken', () => {
    expect(factsNeeded(register, null)).toEqual({ unitExists: 'sfi', reviewExists: 'rev', codeTaken: { reviewId: 'rev', code: 'R2' } });
  });

  it('an action asks about its unit and whether its owner is an active user of the unit the action will belong to', () => {
    const withAction = given([register, secretary], [accept, secretary], [addAction, sfiOfficer]);
    expect(factsNeeded(addAction, withAction)).toEqual({ unitExists: 'sfi', ownerIsActiveIn: { email: 'handlaggare.sfi@demo.local', unit: 'sfi' } });
    expect(factsNeeded(assign(null), withAction)).toEqual({ ownerIsActiveIn: { email: 'chef.sfi@demo.local', unit: 'sfi' } });
    expect(factsNeeded(assign('utredning'), withAction)).toEqual({ unitExists: 'utredning', ownerIsActiveIn: { email: 'chef.sfi@demo.local', unit: 'utredning' } });
  });

  it('commands that name no unit, review or owner ask nothing, nor does a reassignment of an action that does not exist', () => {
    const withAction = given([register, secretary], [accept, secretary], [addAction, sfiOfficer]);
    expect(factsNeeded(accept, withAction)).toEqual({});
    expect(factsNeeded({ type: 'ReportProgress', actionId: 'a1', progressPercent: 10, note: 'x', evidence: [] }, withAction)).toEqual({});
    expect(factsNeeded({ ...assign(null), actionId: 'nope' } as RecommendationCommand, withAction)).toEqual({});
  });

  it('an unknown unit is invalid input naming responsibleUnit and the units there are, before anything else is asked', () => {
    const e = refusal(() => decide(register, null, sfiOfficer, unknownUnit));
    expect(e).toMatchObject({ kind: 'invalid', message: 'There is no unit sfi', details: [{ field: 'responsibleUnit', message: 'must be one of sfi, utredning' }] });
    expect(refusal(() => decide(addAction, null, auditor, unknownUnit)).kind).toBe('invalid');
  });

  it('a retired unit is refused as retired, not as one that does not exist (it said "There is no unit")', () => {
    const retired: RecommendationFacts = { ...known, unitExists: { exists: false, retired: true, knownUnits: ['utredning'] } };
    expect(refusal(() => decide(register, null, sfiOfficer, retired))).toMatchObject({
      kind: 'invalid',
      message: 'The unit sfi is retired: it takes no new recommendations or actions',
      details: [{ field: 'responsibleUnit', message: 'must be one of utredning' }],
    });
  });

  it('a recommendation of a review that does not exist is invalid input naming reviewId; a code the review already uses is a conflict', () => {
    expect(refusal(() => decide(register, null, secretary, { ...known, reviewExists: false }))).toMatchObject({
      kind: 'invalid',
      message: 'Review rev does not exist',
      details: [{ field: 'reviewId', message: 'no review with this id' }],
    });
    expect(refusal(() => decide(register, null, secretary, { ...known, codeTaken: true }))).toMatchObject({
      kind: 'conflict',
      message: 'The review already has a recommendation with code R2',
    });
  });

  it('an owner who is not an active user of the unit is invalid input naming ownerEmail, when an action is added or reassigned', () => {
    const accepted = given([register, secretary], [accept, secretary]);
    expect(refusal(() => decide(addAction, accepted, sfiOfficer, { ...known, ownerIsActiveIn: false }))).toMatchObject({
      kind: 'invalid',
      message: 'The owner handlaggare.sfi@demo.local is not an active user of the unit sfi',
      details: [{ field: 'ownerEmail', message: 'must be an active user of the unit sfi' }],
    });
    const withAction = given([register, secretary], [accept, secretary], [addAction, sfiOfficer]);
    expect(refusal(() => decide(assign('utredning'), withAction, secretary, { ...known, ownerIsActiveIn: false }))).toMatchObject({
      kind: 'invalid',
      details: [{ field: 'ownerEmail', message: 'must be an active user of the unit utredning' }],
    });
    expect(decide(assign(null), withAction, sfiOfficer, known)[0]).toMatchObject({ type: 'ActionAssigned', data: { ownerEmail: 'chef.sfi@demo.local', responsibleUnit: 'sfi' } });
  });

  it('whoever may not touch the action hears that first, and learns nothing about who works where', () => {
    const noOwner: RecommendationFacts = { ...known, ownerIsActiveIn: false };
    const accepted = given([register, secretary], [accept, secretary]);
    expect(refusal(() => decide(addAction, accepted, utredningOfficer, noOwner)).kind).toBe('forbidden');
    expect(refusal(() => decide(addAction, given([register, secretary]), sfiOfficer, noOwner)).kind).toBe('conflict');
    expect(refusal(() => decide(assign(null), accepted, sfiOfficer, noOwner)).kind).toBe('not_found');
  });

  it('a fact decide needs and was not given is a fault of the caller, never a silent pass', () => {
    expect(() => decide(register, null, secretary, {})).toThrow('decide needs the fact unitExists');
    expect(() => decide(addAction, given([register, secretary], [accept, secretary]), sfiOfficer, { unitExists: { exists: true } })).toThrow(
      'decide needs the fact ownerIsActiveIn',
    );
  });
});
