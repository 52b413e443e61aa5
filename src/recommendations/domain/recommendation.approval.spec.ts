import type { Actor } from '../../kernel/actor';
import { refusal } from '../../../test/support/refusal';
import { mayApprove, unitsOfAction } from './recommendation.approval';
import { decide, type RecommendationCommand } from './recommendation.decide';
import type { RecommendationEvent, Recorded } from './recommendation.events';
import type { RecommendationFacts } from './recommendation.facts';
import { foldRecommendation, progressOf, type RecommendationState } from './recommendation.state';

const secretary: Actor = { id: 's', email: 'sekreterare@demo.local', name: 'Sekreterare', role: 'secretary', unit: null };
const admin: Actor = { id: 'ad', email: 'admin@demo.local', name: 'Admin', role: 'admin', unit: null };
const sfiOfficer: Actor = { id: 'o', email: 'handlaggare.sfi@demo.local', name: 'Handläggare', role: 'officer', unit: 'sfi' };
const sfiHead: Actor = { id: 'h', email: 'chef.sfi@demo.local', name: 'Chef', role: 'unit_head', unit: 'sfi' };
const utredningOfficer: Actor = { id: 'u', email: 'handlaggare.utredning@demo.local', name: 'Utredare', role: 'officer', unit: 'utredning' };
const utredningHead: Actor = { id: 'uh', email: 'chef.utredning@demo.local', name: 'Chef U', role: 'unit_head', unit: 'utredning' };
const vhHead: Actor = { id: 'vh', email: 'chef.vh@demo.local', name: 'Chef VH', role: 'unit_head', unit: 'vh' };

const known: RecommendationFacts = { unitExists: { exists: true }, reviewExists: true, codeTaken: false, ownerIsActiveIn: true };

let clock = 0;
const recorded = (events: RecommendationEvent[], by: Actor): Recorded<RecommendationEvent>[] =>
  events.map((e) => ({ ...e, occurredAt: new Date(Date.UTC(2012, 3, 1) + clock++ * 1000).toISOString(), actorEmail: by.email }));

/** given these commands applied in order, the state that results */
function given(...steps: Array<[RecommendationCommand, Actor]>): RecommendationState {
  let state: RecommendationState | null = null;
  for (const [command, actor] of steps) state = foldRecommendation(recorded(decide(command, state, actor, known), actor), state);
  return state!;
}

/** when this actor sends this command, the events decided */
const when = (state: RecommendationState, command: RecommendationCommand, actor: Actor) => decide(command, state, actor, known);

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
const accept: RecommendationCommand = { type: 'RecordDecision', decision: 'accepted', reason: 'Ingår i planen', meeting: null };
const addAction: RecommendationCommand = { type: 'AddAction', actionId: 'a1', title: 'Kartlägg stadsdelarna', description: null, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' };
const progress: RecommendationCommand = { type: 'ReportProgress', actionId: 'a1', progressPercent: 60, note: 'Två av tre klara', evidence: [] };
const complete: RecommendationCommand = { type: 'CompleteAction', actionId: 'a1', note: 'Alla stadsdelar kartlagda' };
const approve: RecommendationCommand = { type: 'ApproveCompletion', actionId: 'a1', note: 'Stämmer med rapporten' };
const sendBack: RecommendationCommand = { type: 'SendBackCompletion', actionId: 'a1', reason: 'Rinkeby saknas' };
const assess: RecommendationCommand = { type: 'RecordAssessment', status: 'implemented', reason: 'Klart', meeting: null };

const working = () => given([register, secretary], [accept, secretary], [addAction, sfiOfficer], [progress, sfiOfficer]);
const claimed = () => given([register, secretary], [accept, secretary], [addAction, sfiOfficer], [progress, sfiOfficer], [complete, sfiOfficer]);

describe('completion needs a second person', () => {
  it('given an action in progress, when its owner completes it, then it is claimed, not completed, and its progress still counts as before', () => {
    const events = when(working(), complete, sfiOfficer);
    expect(events).toEqual([{ type: 'ActionCompletionClaimed', data: { actionId: 'a1', note: 'Alla stadsdelar kartlagda' } }]);
    const state = claimed();
    expect(state.actions[0]).toMatchObject({ status: 'completion_claimed', progressPercent: 60, completedAt: null, claim: { by: 'handlaggare.sfi@demo.local', note: 'Alla stadsdelar kartlagda' } });
    expect(progressOf(state)).toBe(60);
  });

  it('given a claimed action, when the claimant approves it, then it is refused (403) saying someone else must', () => {
    const e = refusal(() => when(claimed(), approve, sfiOfficer));
    expect(e.kind).toBe('forbidden');
  });

  it('given a claim by the unit head, when the same head approves it, then it is refused: never the claimant', () => {
    const state = given([register, secretary], [accept, secretary], [addAction, sfiOfficer], [complete, sfiHead]);
    expect(refusal(() => when(state, approve, sfiHead))).toMatchObject({ kind: 'forbidden', message: expect.stringContaining('someone else') });
    expect(when(state, approve, secretary)[0].type).toBe('ActionCompletionApproved');
  });

  it('given a claimed action, when its unit head, a secretary or an admin approves it, then it is completed at 100 % with the claim note among the updates', () => {
    for (const approver of [sfiHead, secretary, admin]) expect(when(claimed(), approve, approver)).toEqual([{ type: 'ActionCompletionApproved', data: { actionId: 'a1', note: 'Stämmer med rapporten' } }]);
    const state = given([register, secretary], [accept, secretary], [addAction, sfiOfficer], [progress, sfiOfficer], [complete, sfiOfficer], [approve, sfiHead]);
    expect(state.actions[0]).toMatchObject({ status: 'completed', progressPercent: 100, claim: null });
    expect(state.actions[0].completedAt).not.toBeNull();
    expect(state.actions[0].updates.at(-1)).toMatchObject({ by: 'handlaggare.sfi@demo.local', progressPercent: 100, note: 'Alla stadsdelar kartlagda' });
  });

  it('given a claimed action, when an officer or another unit\'s head approves it, then it is refused (403)', () => {
    expect(refusal(() => when(claimed(), approve, utredningOfficer)).kind).toBe('forbidden');
    expect(refusal(() => when(claimed(), approve, vhHead)).kind).toBe('forbidden');
    expect(refusal(() => when(claimed(), approve, { ...sfiOfficer, email: 'annan@demo.local' })).kind).toBe('forbidden');
  });

  it('given an action not claimed, when someone approves or sends it back, then it is a conflict (409)', () => {
    expect(refusal(() => when(working(), approve, sfiHead)).kind).toBe('conflict');
    expect(refusal(() => when(working(), sendBack, sfiHead)).kind).toBe('conflict');
  });

  it('given a claimed action, when the unit head sends it back with a reason, then the work goes on where it was', () => {
    expect(when(claimed(), sendBack, sfiHead)).toEqual([{ type: 'ActionCompletionSentBack', data: { actionId: 'a1', reason: 'Rinkeby saknas' } }]);
    const state = given([register, secretary], [accept, secretary], [addAction, sfiOfficer], [progress, sfiOfficer], [complete, sfiOfficer], [sendBack, sfiHead]);
    expect(state.actions[0]).toMatchObject({ status: 'in_progress', progressPercent: 60, claim: null });
    expect(when(state, progress, sfiOfficer)[0].type).toBe('ActionProgressReported');
  });

  it('given a claimed action, when it is sent back without a reason, then it is invalid (400) naming reason', () => {
    expect(refusal(() => when(claimed(), { ...sendBack, reason: '  ' } as RecommendationCommand, sfiHead))).toMatchObject({ kind: 'invalid', details: [{ field: 'reason' }] });
  });

  it('given a claimed action, when its claimant takes the claim back, then it is sent back; another officer may not', () => {
    expect(when(claimed(), sendBack, sfiOfficer)[0].type).toBe('ActionCompletionSentBack');
    expect(refusal(() => when(claimed(), sendBack, { ...sfiOfficer, email: 'annan@demo.local' })).kind).toBe('forbidden');
  });

  it('given a claimed action, when anyone reports progress, completes or cancels it, then it is a conflict: approve or send back first', () => {
    for (const command of [progress, complete, { type: 'CancelAction', actionId: 'a1', reason: 'x' } as RecommendationCommand]) {
      expect(refusal(() => when(claimed(), command, sfiOfficer)).kind).toBe('conflict');
    }
  });

  it('given an ActionCompleted from before approvals, when the log is folded, then the action is completed as it always was', () => {
    const old = foldRecommendation(
      recorded([{ type: 'ActionCompleted', data: { actionId: 'a1', note: 'Klar' } }], sfiOfficer),
      given([register, secretary], [accept, secretary], [addAction, sfiOfficer]),
    )!;
    expect(old.actions[0]).toMatchObject({ status: 'completed', progressPercent: 100 });
  });
});

describe('closing a recommendation is deliberate', () => {
  it('given a planned and a claimed action, when the secretary assesses, then it is a conflict (409) listing both with title and status', () => {
    const state = given(
      [register, secretary],
      [accept, secretary],
      [addAction, sfiOfficer],
      [{ ...addAction, actionId: 'a2', title: 'Ta fram broschyr' } as RecommendationCommand, sfiOfficer],
      [complete, sfiOfficer],
    );
    expect(refusal(() => when(state, assess, secretary))).toMatchObject({
      kind: 'conflict',
      details: [
        { field: 'actions', actionId: 'a1', title: 'Kartlägg stadsdelarna', status: 'completion_claimed' },
        { field: 'actions', actionId: 'a2', title: 'Ta fram broschyr', status: 'planned' },
      ],
    });
  });

  it('given every action approved or cancelled, when the secretary assesses, then it is assessed', () => {
    const state = given(
      [register, secretary],
      [accept, secretary],
      [addAction, sfiOfficer],
      [{ ...addAction, actionId: 'a2' } as RecommendationCommand, sfiOfficer],
      [complete, sfiOfficer],
      [approve, sfiHead],
      [{ type: 'CancelAction', actionId: 'a2', reason: 'Förs över till nästa plan' }, sfiOfficer],
    );
    expect(when(state, assess, secretary)[0].type).toBe('RecommendationAssessed');
  });
});

describe('no action without someone who may act on it', () => {
  const forUtredning = () =>
    given([register, secretary], [accept, secretary], [{ ...addAction, responsibleUnit: 'utredning', ownerEmail: 'handlaggare.utredning@demo.local' } as RecommendationCommand, sfiOfficer]);

  it("given an action an sfi officer added for another unit, when that officer reschedules, cancels or reassigns it, then it is allowed: the recommendation's unit answers for it too", () => {
    const state = forUtredning();
    expect(unitsOfAction(state, state.actions[0])).toEqual(['utredning', 'sfi']);
    expect(when(state, { type: 'RescheduleAction', actionId: 'a1', dueDate: '2012-10-31', reason: 'Senare start', today: '2012-04-01' } as RecommendationCommand, sfiOfficer)[0].type).toBe('ActionRescheduled');
    expect(when(state, { type: 'CancelAction', actionId: 'a1', reason: 'Fel enhet' }, sfiOfficer)[0].type).toBe('ActionCancelled');
    expect(when(state, { type: 'AssignAction', actionId: 'a1', ownerEmail: 'handlaggare.sfi@demo.local', responsibleUnit: 'sfi' }, sfiOfficer)[0].type).toBe('ActionAssigned');
  });

  it("given such an action, when the other unit's officer reports on it, then that is allowed too; a third unit's is refused", () => {
    const state = forUtredning();
    expect(when(state, progress, utredningOfficer)[0].type).toBe('ActionProgressReported');
    expect(refusal(() => when(state, progress, { ...utredningOfficer, unit: 'vh' })).kind).toBe('forbidden');
  });

  it("given such an action claimed, then the heads of both units may approve it, a third unit's may not", () => {
    const state = given(
      [register, secretary],
      [accept, secretary],
      [{ ...addAction, responsibleUnit: 'utredning', ownerEmail: 'handlaggare.utredning@demo.local' } as RecommendationCommand, sfiOfficer],
      [complete, utredningOfficer],
    );
    expect(mayApprove(utredningHead, unitsOfAction(state, state.actions[0]), 'handlaggare.utredning@demo.local')).toBe(true);
    expect(when(state, approve, sfiHead)[0].type).toBe('ActionCompletionApproved');
    expect(when(state, approve, utredningHead)[0].type).toBe('ActionCompletionApproved');
    expect(refusal(() => when(state, approve, vhHead)).kind).toBe('forbidden');
  });
});
