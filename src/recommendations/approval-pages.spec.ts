import type { Actor } from '../kernel/actor';
import { UNITS } from '../seed/stockholm-2012';
import { dictionary } from '../web/i18n';
import type { ActionState, RecommendationState } from './domain/recommendation.state';
import { toApprove } from './my-actions/my-actions.query';
import { recommendationCapabilities } from './recommendation-capabilities';
import { describeTimeline, type TimelineEvent } from './timeline';

/** What the pages offer and say about claimed completions (issue #12), as the domain decides it. */

const actor = (role: Actor['role'], unit: string | null, email = `${role}@demo.local`): Actor => ({ id: email, email, name: role, role, unit });
const officer = actor('officer', 'sfi', 'handlaggare.sfi@demo.local');
const head = actor('unit_head', 'sfi', 'chef.sfi@demo.local');
const otherHead = actor('unit_head', 'utredning', 'chef.utredning@demo.local');
const secretary = actor('secretary', null, 'sekreterare@demo.local');

const action = (id: string, over: Partial<ActionState> = {}): ActionState => ({
  id, title: id, description: null, responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31', originalDueDate: '2012-08-31',
  status: 'in_progress', progressPercent: 40, addedAt: '2012-03-01T08:00:00.000Z', completedAt: null, updates: [], ...over,
});
const claimed = (id: string, by = 'handlaggare.sfi@demo.local') => action(id, { status: 'completion_claimed', claim: { by, at: '2012-05-01T08:00:00.000Z', note: 'Klart' } });
const state = (actions: ActionState[]): RecommendationState => ({
  id: 'r', reviewId: 'v', code: 'R2', title: 'R2', text: '', textEn: null, responsibleUnit: 'sfi', status: 'in_progress', decision: null, assessment: null, version: 5, lastChangedAt: '', actions,
});

describe('the forms offered for a claimed completion', () => {
  it('given a claimed action, then its unit head and a secretary are offered approve and send back, the claimant only to take the claim back', () => {
    const s = state([claimed('a')]);
    expect(recommendationCapabilities(s, head).actions.a).toMatchObject({ approve: true, sendBack: true, complete: false, progress: false });
    expect(recommendationCapabilities(s, secretary).actions.a).toMatchObject({ approve: true, sendBack: true });
    expect(recommendationCapabilities(s, officer).actions.a).toMatchObject({ approve: false, sendBack: true, complete: false, cancel: false });
    expect(recommendationCapabilities(s, otherHead).actions.a).toMatchObject({ approve: false, sendBack: false });
  });

  it('given unfinished actions, then the secretary is shown them instead of the assessment form; the officer, who may not assess, is not', () => {
    const s = state([claimed('a'), action('b', { status: 'planned' }), action('c', { status: 'cancelled' })]);
    const can = recommendationCapabilities(s, secretary);
    expect(can.assessments).toEqual([]);
    expect(can.assessmentBlockedBy?.map((b) => [b.actionId, b.status])).toEqual([['a', 'completion_claimed'], ['b', 'planned']]);
    expect(recommendationCapabilities(s, officer).assessmentBlockedBy).toEqual([]);
    expect(recommendationCapabilities(state([action('c', { status: 'completed' })]), secretary)).toMatchObject({ assessmentBlockedBy: [], assessments: ['implemented', 'partially_implemented', 'not_implemented'] });
  });
});

describe('"Att godkänna" in Mina åtgärder', () => {
  const rec = { id: 'r', code: 'R2', title: 'R2', responsibleUnit: 'sfi' };
  const rows = [claimed('mine', 'chef.sfi@demo.local'), claimed('theirs'), action('open'), claimed('elsewhere', 'x@demo.local')].map((a) => ({
    recommendation: a.id === 'elsewhere' ? { ...rec, responsibleUnit: 'utredning' } : rec,
    action: a.id === 'elsewhere' ? { ...a, responsibleUnit: 'utredning' } : a,
  }));

  it("lists the claims the actor may approve: the unit head's unit's, never their own claim; a secretary's all", () => {
    expect(toApprove(rows, head, '2012-06-01').map((a) => a.title)).toEqual(['theirs']);
    expect(toApprove(rows, secretary, '2012-06-01').map((a) => a.title)).toEqual(['mine', 'theirs', 'elsewhere']);
    expect(toApprove(rows, officer, '2012-06-01')).toEqual([]);
  });
});

describe('the timeline of a claim', () => {
  const hanna = { name: 'Hanna Handläggare', role: 'officer', email: 'handlaggare.sfi@demo.local' };
  const chef = { name: 'Chef Sfi', role: 'unit_head', email: 'chef.sfi@demo.local' };
  const history: TimelineEvent[] = [
    { type: 'ActionAdded', occurredAt: '2012-06-01T08:00:00.000Z', actor: hanna, reason: null, data: { actionId: 'a1', title: 'Uppsökande team', responsibleUnit: 'sfi', ownerEmail: hanna.email, dueDate: '2012-08-31' } },
    { type: 'ActionCompletionClaimed', occurredAt: '2012-06-02T08:00:00.000Z', actor: hanna, reason: null, data: { actionId: 'a1', note: 'Alla stadsdelar besökta' } },
    { type: 'ActionCompletionSentBack', occurredAt: '2012-06-03T08:00:00.000Z', actor: chef, reason: 'Tensta saknas', data: { actionId: 'a1', reason: 'Tensta saknas' } },
    { type: 'ActionCompletionApproved', occurredAt: '2012-06-04T08:00:00.000Z', actor: chef, reason: null, data: { actionId: 'a1', note: null } },
  ];
  const units = Object.fromEntries(UNITS.map((u) => [u.id, u.name]));

  it('says in Swedish who claimed, sent back and approved, with the note and the reason', () => {
    const entries = describeTimeline(history, dictionary('sv'), 'sv', units).slice(1);
    expect(entries.map((e) => [e.what, e.why, e.note])).toEqual([
      ['Markerade ”Uppsökande team” som slutförd. Väntar på godkännande.', null, 'Alla stadsdelar besökta'],
      ['Skickade tillbaka ”Uppsökande team”: den är inte slutförd.', 'Tensta saknas', null],
      ['Godkände att ”Uppsökande team” är slutförd.', null, null],
    ]);
  });

  it('and in English', () => {
    expect(describeTimeline(history, dictionary('en'), 'en', units).slice(1).map((e) => e.what)).toEqual([
      'Marked “Uppsökande team” as completed. Awaiting approval.',
      'Sent “Uppsökande team” back: it is not completed.',
      'Approved that “Uppsökande team” is completed.',
    ]);
  });
});
