import type { Actor } from '../../kernel/actor';
import { DomainError } from '../../kernel/domain-error';
import { decide, type RecommendationCommand } from './recommendation.decide';
import type { RecommendationEvent, Recorded } from './recommendation.events';
import { foldRecommendation, progressOf, type RecommendationState } from './recommendation.state';

const secretary: Actor = { id: 's', email: 'sekreterare@demo.local', name: 'Sekreterare', role: 'secretary', unit: null };
const sfiOfficer: Actor = { id: 'o', email: 'handlaggare.sfi@demo.local', name: 'Handläggare', role: 'officer', unit: 'sfi' };
const utredningOfficer: Actor = { ...sfiOfficer, id: 'u', unit: 'utredning' };
const auditor: Actor = { id: 'a', email: 'revisor@demo.local', name: 'Revisor', role: 'auditor', unit: null };

let clock = 0;
const recorded = (events: RecommendationEvent[], by = secretary): Recorded<RecommendationEvent>[] =>
  events.map((e) => ({ ...e, occurredAt: new Date(Date.UTC(2012, 3, 1) + clock++ * 1000).toISOString(), actorEmail: by.email }));

/** given these commands applied in order, the state that results */
function given(...steps: Array<[RecommendationCommand, Actor]>): RecommendationState {
  let state: RecommendationState | null = null;
  for (const [command, actor] of steps) state = foldRecommendation(recorded(decide(command, state, actor), actor), state);
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

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

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
    const e = refusal(() => decide({ type: 'RecordAssessment', status: 'implemented', reason: 'klart', meeting: null }, state, secretary));
    expect(e.kind).toBe('conflict');
  });

  it('a deferred recommendation can later be accepted, but not deferred again', () => {
    const deferred = given([register, secretary], [{ ...accept, decision: 'deferred' } as RecommendationCommand, secretary]);
    expect(refusal(() => decide({ ...accept, decision: 'deferred' } as RecommendationCommand, deferred, secretary)).kind).toBe('conflict');
    expect(decide(accept, deferred, secretary)[0].type).toBe('RecommendationDecided');
  });

  it('an officer may not record a committee decision', () => {
    expect(refusal(() => decide(accept, given([register, secretary]), sfiOfficer)).kind).toBe('forbidden');
  });

  it('an auditor writes nothing', () => {
    const state = given([register, secretary], [accept, secretary]);
    expect(refusal(() => decide(addAction, state, auditor)).kind).toBe('forbidden');
  });

  it('an officer of another unit may not add actions', () => {
    const state = given([register, secretary], [accept, secretary]);
    expect(refusal(() => decide(addAction, state, utredningOfficer)).kind).toBe('forbidden');
  });

  it('a reschedule keeps the original due date and needs a reason', () => {
    const state = given([register, secretary], [accept, secretary], [addAction, sfiOfficer]);
    expect(refusal(() => decide({ type: 'RescheduleAction', actionId: 'a1', dueDate: '2012-10-31', reason: ' ' }, state, sfiOfficer)).kind).toBe('invalid');
    const moved = given(
      [register, secretary],
      [accept, secretary],
      [addAction, sfiOfficer],
      [{ type: 'RescheduleAction', actionId: 'a1', dueDate: '2012-10-31', reason: 'Väntar på statistik' }, sfiOfficer],
    );
    expect(moved.actions[0]).toMatchObject({ dueDate: '2012-10-31', originalDueDate: '2012-08-31' });
  });

  it('a due date the calendar cannot follow is refused as invalid input naming dueDate, when added or rescheduled', () => {
    const accepted = given([register, secretary], [accept, secretary]);
    const far = refusal(() => decide({ ...addAction, dueDate: '9999-12-31' } as RecommendationCommand, accepted, sfiOfficer));
    expect(far).toMatchObject({ kind: 'invalid', details: [{ field: 'dueDate', message: 'must be between 1900-01-01 and 2200-12-31' }] });
    const withAction = given([register, secretary], [accept, secretary], [addAction, sfiOfficer]);
    const impossible = refusal(() => decide({ type: 'RescheduleAction', actionId: 'a1', dueDate: '2012-02-30', reason: 'Senare' }, withAction, sfiOfficer));
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
      [{ type: 'CancelAction', actionId: 'a3', reason: 'Ersatt av a2' }, sfiOfficer],
    );
    expect(progressOf(state)).toBe(70);
  });

  it('a completed action takes no more progress', () => {
    const state = given([register, secretary], [accept, secretary], [addAction, sfiOfficer], [{ type: 'CompleteAction', actionId: 'a1', note: 'Klar' }, sfiOfficer]);
    expect(refusal(() => decide({ type: 'ReportProgress', actionId: 'a1', progressPercent: 50, note: 'x', evidence: [] }, state, sfiOfficer)).kind).toBe('conflict');
  });

  it('an assessed recommendation can be reopened with a reason, and then takes actions again', () => {
    const closed = given(
      [register, secretary],
      [accept, secretary],
      [{ type: 'RecordAssessment', status: 'partially_implemented', reason: 'Delvis', meeting: null }, secretary],
    );
    expect(refusal(() => decide(addAction, closed, sfiOfficer)).kind).toBe('conflict');
    const reopened = given(
      [register, secretary],
      [accept, secretary],
      [{ type: 'RecordAssessment', status: 'partially_implemented', reason: 'Delvis', meeting: null }, secretary],
      [{ type: 'ReopenRecommendation', reason: 'Nytt underlag' }, secretary],
    );
    expect(reopened.status).toBe('in_progress');
  });
});
