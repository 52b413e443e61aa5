import type { CycleState } from '../../cycles/domain/cycle';
import type { RecommendationEvent } from '../../recommendations/domain/recommendation.events';
import { foldRecommendation, type RecommendationState } from '../../recommendations/domain/recommendation.state';
import { VERKSAMHETSPLAN_2012 } from '../../seed/stockholm-2012';
import { checkReminder, planReminders, summarizeMilestone, type Reminder } from './reminder-plan';

/** Reminders go to whoever must act next: once an action is claimed as completed, that is an approver, not its owner. */

const OWNER = 'handlaggare.sfi@demo.local';
const HEAD = 'chef.sfi@demo.local';
const unitHeads = { sfi: [HEAD] };
const cycle: CycleState = { id: 'vp2012', ...VERKSAMHETSPLAN_2012, version: 1, lastChangedAt: '2012-01-10T09:00:00.000Z' };

type Step = [at: string, event: RecommendationEvent];

function r2(...steps: Step[]): RecommendationState {
  const base: Step[] = [
    ['2012-02-01T09:00:00.000Z', { type: 'RecommendationRegistered', data: { recommendationId: 'r2', reviewId: 'rev', code: 'R2', title: 'Uppsökande verksamhet', text: 'Utveckla', textEn: null, responsibleUnit: 'sfi' } }],
    ['2012-02-14T09:00:00.000Z', { type: 'RecommendationDecided', data: { decision: 'accepted', reason: 'Ingår i planen', meeting: null } }],
    ['2012-02-20T09:00:00.000Z', { type: 'ActionAdded', data: { actionId: 'a1', title: 'Kartlägg stadsdelarna', description: null, responsibleUnit: 'sfi', ownerEmail: OWNER, dueDate: '2012-08-31' } }],
  ];
  return foldRecommendation([...base, ...steps].map(([occurredAt, e]) => ({ ...e, occurredAt, actorEmail: OWNER })))!;
}

const claimed: Step = ['2012-08-28T09:00:00.000Z', { type: 'ActionCompletionClaimed', data: { actionId: 'a1', note: 'Alla kartlagda' } }];
const overdue = (reminders: Reminder[]) => reminders.filter((r) => r.kind === 'action_overdue');
const current = (recommendation: RecommendationState) => ({ recommendation, cycles: [cycle], unitHeads, secretaries: [] });

describe('reminders of a claimed action', () => {
  it('given an action claimed before its due date and not yet approved, when it is past due, then the overdue notices go to the unit head alone', () => {
    const recipients = overdue(planReminders({ recommendation: r2(claimed), cycles: [cycle], unitHeads, now: '2012-09-03T10:00:00.000Z' })).map((r) => r.recipient);
    expect(recipients.length).toBeGreaterThan(0);
    expect(new Set(recipients)).toEqual(new Set([HEAD]));
  });

  it("given the owner's notice planned while the action was open, when it comes due after the claim, then it is skipped and the head's is sent", () => {
    const planned = overdue(planReminders({ recommendation: r2(), cycles: [cycle], unitHeads, now: '2012-08-20T10:00:00.000Z' }));
    const owners = planned.find((r) => r.recipient === OWNER)!;
    const heads = planned.find((r) => r.recipient === HEAD && r.dueKey === owners.dueKey)!;
    expect(checkReminder(owners, current(r2(claimed)), owners.sendAt)).toEqual({ send: false, reason: 'completion claimed: the approval is up to the head of the unit, not the owner' });
    expect(checkReminder(heads, current(r2(claimed)), heads.sendAt)).toEqual({ send: true });
  });

  it('given the claim approved, then no one is chased any more; sent back, the owner is again', () => {
    const approved = r2(claimed, ['2012-08-29T09:00:00.000Z', { type: 'ActionCompletionApproved', data: { actionId: 'a1', note: null } }]);
    expect(overdue(planReminders({ recommendation: approved, cycles: [cycle], unitHeads, now: '2012-09-03T10:00:00.000Z' }))).toEqual([]);
    const sentBack = r2(claimed, ['2012-08-29T09:00:00.000Z', { type: 'ActionCompletionSentBack', data: { actionId: 'a1', reason: 'Rinkeby saknas' } }]);
    expect(overdue(planReminders({ recommendation: sentBack, cycles: [cycle], unitHeads, now: '2012-09-03T10:00:00.000Z' })).map((r) => r.recipient)).toContain(OWNER);
  });

  it('given a claimed action before a milestone, then its reminders go to the unit head, who must approve it in time, and none to the owner', () => {
    const milestoneDue = (recommendation: RecommendationState) =>
      planReminders({ recommendation, cycles: [cycle], unitHeads, now: '2012-08-28T10:00:00.000Z' }).filter((r) => r.kind === 'milestone_due');
    const heads = milestoneDue(r2(claimed));
    expect(heads.length).toBeGreaterThan(0);
    expect(new Set(heads.map((r) => r.recipient))).toEqual(new Set([HEAD]));
    expect(checkReminder(heads[0], current(r2(claimed)), heads[0].sendAt)).toEqual({ send: true });
    const owners = milestoneDue(r2()).filter((r) => r.recipient === OWNER);
    expect(checkReminder(owners[0], current(r2(claimed)), owners[0].sendAt)).toEqual({ send: false, reason: 'completion claimed: the approval is up to the head of the unit, not the owner' });
  });

  it("given a claimed action past its due date, then the secretary's summary lists it as awaiting approval, not as overdue or unreported", () => {
    const t2 = cycle.milestones[1];
    const summary = summarizeMilestone([r2(claimed)], t2, '2012-09-03T08:00:00.000Z');
    expect(summary.awaitingApproval.map((i) => [i.code, i.actionTitle, i.ownerEmail])).toEqual([['R2', 'Kartlägg stadsdelarna', OWNER]]);
    expect(summary.overdue).toEqual([]);
    expect(summary.notReported).toEqual([]);
  });
});
