import type { CycleState } from '../../cycles/domain/cycle';
import type { RecommendationEvent } from '../../recommendations/domain/recommendation.events';
import { foldRecommendation, type RecommendationState } from '../../recommendations/domain/recommendation.state';
import { VERKSAMHETSPLAN_2012 } from '../../seed/stockholm-2012';
import {
  checkReminder,
  planReminders,
  planSecretarySummaries,
  summarizeMilestone,
  type CurrentState,
  type Reminder,
} from './reminder-plan';

const OWNER = 'handlaggare.sfi@demo.local';
const HEAD = 'chef.sfi@demo.local';
const unitHeads = { sfi: [HEAD], utredning: ['chef.utredning@demo.local'] };
const secretaries = ['sekreterare@demo.local', 'sekreterare2@demo.local'];

/** The seed's plan with the due dates these scenarios were worked out for (the seed's come a few days later). */
const DUE_DATES: Record<string, string> = { T1: '2012-05-15', T2: '2012-09-14', VB: '2013-02-15' };
const cycle: CycleState = {
  id: 'vp2012',
  ...VERKSAMHETSPLAN_2012,
  milestones: VERKSAMHETSPLAN_2012.milestones.map((m) => ({ ...m, dueDate: DUE_DATES[m.key] })),
  version: 1,
  lastChangedAt: '2012-01-10T09:00:00.000Z',
};

type Step = [at: string, event: RecommendationEvent];

/** given these events on R2, in order, the state that results */
function r2(...steps: Step[]): RecommendationState {
  const base: Step[] = [
    [
      '2012-02-01T09:00:00.000Z',
      {
        type: 'RecommendationRegistered',
        data: {
          recommendationId: 'r2',
          reviewId: 'rev',
          code: 'R2',
          title: 'Uppsökande verksamhet',
          text: 'Utveckla den uppsökande verksamheten',
          textEn: null,
          responsibleUnit: 'sfi',
        },
      },
    ],
    ['2012-02-14T09:00:00.000Z', { type: 'RecommendationDecided', data: { decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting: null } }],
    [
      '2012-02-20T09:00:00.000Z',
      {
        type: 'ActionAdded',
        data: { actionId: 'a1', title: 'Kartlägg stadsdelarna', description: null, responsibleUnit: 'sfi', ownerEmail: OWNER, dueDate: '2012-08-31' },
      },
    ],
  ];
  return foldRecommendation([...base, ...steps].map(([occurredAt, e]) => ({ ...e, occurredAt, actorEmail: OWNER })))!;
}

const progress = (at: string): Step => [at, { type: 'ActionProgressReported', data: { actionId: 'a1', progressPercent: 20, note: 'Möten bokade', evidence: [] } }];

const plan = (recommendation: RecommendationState, now: string, cycles = [cycle]) =>
  planReminders({ recommendation, cycles, unitHeads, now });

const current = (recommendation: RecommendationState | null, cycles = [cycle]): CurrentState => ({
  recommendation,
  cycles,
  unitHeads,
  secretaries,
});

const ofKind = (reminders: Reminder[], kind: Reminder['kind'], milestoneKey?: string) =>
  reminders.filter((r) => r.kind === kind && (milestoneKey === undefined || r.milestoneKey === milestoneKey));

describe('reminders before a milestone', () => {
  it('an owner of an open action with no progress in the period is reminded 14, 7 and 1 days before T1, at 08:00', () => {
    const given = r2();

    const t1 = ofKind(plan(given, '2012-04-20T10:00:00.000Z'), 'milestone_due', 'T1');

    expect(t1.map((r) => r.sendAt)).toEqual(['2012-05-01T06:00:00.000Z', '2012-05-08T06:00:00.000Z', '2012-05-14T06:00:00.000Z']);
    expect(t1.every((r) => r.recipient === OWNER && r.actionId === 'a1' && r.cycleId === 'vp2012')).toBe(true);
    expect(t1.map((r) => r.dueKey)).toEqual(['2012-05-15/14d-before', '2012-05-15/7d-before', '2012-05-15/1d-before']);
  });

  it('an owner who reported progress in the period gets no reminder for that milestone, but still for the next', () => {
    const given = r2(progress('2012-04-10T12:00:00.000Z'));

    const planned = plan(given, '2012-04-20T10:00:00.000Z');

    expect(ofKind(planned, 'milestone_due', 'T1')).toEqual([]);
    expect(ofKind(planned, 'milestone_due', 'T2')).toHaveLength(3);
  });

  it('once progress is reported after the first reminder, the later ones for that period are not sent', () => {
    const [first, second, last] = ofKind(plan(r2(), '2012-04-20T10:00:00.000Z'), 'milestone_due', 'T1');
    expect(checkReminder(first, current(r2()), first.sendAt)).toEqual({ send: true });

    const afterProgress = r2(progress('2012-05-03T13:00:00.000Z'));

    expect(checkReminder(second, current(afterProgress), second.sendAt)).toEqual({
      send: false,
      reason: 'progress reported 2012-05-03T13:00:00.000Z, in the period from 2012-01-01',
    });
    expect(checkReminder(last, current(afterProgress), last.sendAt).send).toBe(false);
    const replanned = ofKind(plan(afterProgress, '2012-05-03T14:00:00.000Z'), 'milestone_due', 'T1');
    expect(replanned.filter((r) => r.sendAt > '2012-05-03T14:00:00.000Z')).toEqual([]);
  });

  it('a progress note retracted counts for nothing: the period is unreported again, and its reminders are planned and sent', () => {
    const retracted: Step = ['2012-04-12T09:00:00.000Z', { type: 'ActionProgressRetracted', data: { actionId: 'a1', updateSeq: 1, reason: 'Fel åtgärd', progressPercent: 0 } }];
    const given = r2(progress('2012-04-10T12:00:00.000Z'), retracted);

    const t1 = ofKind(plan(given, '2012-04-20T10:00:00.000Z'), 'milestone_due', 'T1');

    expect(t1).toHaveLength(3);
    expect(checkReminder(t1[0], current(given), t1[0].sendAt)).toEqual({ send: true });
  });

  it('progress reported on the first day of the period, Stockholm time, counts for that period', () => {
    // 00:30 on 1 May in Stockholm is still 30 April in UTC
    const given = r2(progress('2012-04-30T22:30:00.000Z'));

    expect(ofKind(plan(given, '2012-05-02T10:00:00.000Z'), 'milestone_due', 'T2')).toEqual([]);
  });

  it('a completed action gets no reminders at all', () => {
    const given = r2([
      '2012-03-01T09:00:00.000Z',
      { type: 'ActionCompleted', data: { actionId: 'a1', note: 'Klart' } },
    ]);

    expect(plan(given, '2012-04-20T10:00:00.000Z')).toEqual([]);
  });

  it('a reminder handed to someone else is not sent to the former owner', () => {
    const [first] = ofKind(plan(r2(), '2012-04-20T10:00:00.000Z'), 'milestone_due', 'T1');
    const reassigned = r2([
      '2012-04-25T09:00:00.000Z',
      {
        type: 'ActionAssigned',
        data: { actionId: 'a1', ownerEmail: 'ny.handlaggare@demo.local', responsibleUnit: 'sfi', previousOwnerEmail: OWNER, previousResponsibleUnit: 'sfi' },
      },
    ]);

    expect(checkReminder(first, current(reassigned), first.sendAt)).toEqual({
      send: false,
      reason: 'recipient is no longer the owner (now ny.handlaggare@demo.local)',
    });
  });

  it('a reminder for a milestone whose due date was moved is skipped', () => {
    const [first] = ofKind(plan(r2(), '2012-04-20T10:00:00.000Z'), 'milestone_due', 'T1');
    const moved: CycleState = {
      ...cycle,
      milestones: cycle.milestones.map((m) => (m.key === 'T1' ? { ...m, dueDate: '2012-05-22' } : m)),
    };

    expect(checkReminder(first, current(r2(), [moved]), first.sendAt)).toEqual({
      send: false,
      reason: 'milestone T1 moved from 2012-05-15 to 2012-05-22',
    });
  });
});

describe('overdue notices', () => {
  it('an action still open after its due date notifies its owner and the head of its unit the next morning', () => {
    const given = r2();

    const overdue = ofKind(plan(given, '2012-08-20T10:00:00.000Z'), 'action_overdue');

    expect(overdue.map((r) => [r.recipient, r.sendAt, r.dueKey])).toEqual(
      expect.arrayContaining([
        [OWNER, '2012-09-01T06:00:00.000Z', '2012-08-31/week-0'],
        [HEAD, '2012-09-01T06:00:00.000Z', '2012-08-31/week-0'],
      ]),
    );
    expect(overdue).toHaveLength(2);
    for (const r of overdue) expect(checkReminder(r, current(given), r.sendAt)).toEqual({ send: true });
  });

  it('while the action stays overdue the notice repeats weekly, one week planned ahead', () => {
    const planned = ofKind(plan(r2(), '2012-09-01T06:05:00.000Z'), 'action_overdue').filter((r) => r.recipient === OWNER);

    expect(planned.map((r) => r.dueKey)).toEqual(['2012-08-31/week-0', '2012-08-31/week-1']);
    expect(planned[1].sendAt).toBe('2012-09-08T06:00:00.000Z');
  });

  it('an action found overdue long after its due date gets one notice now, not a backlog', () => {
    const now = '2012-10-15T10:00:00.000Z';

    const planned = ofKind(plan(r2(), now), 'action_overdue').filter((r) => r.recipient === OWNER);

    const due = planned.filter((r) => r.sendAt <= now);
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ dueKey: '2012-08-31/week-6', sendAt: '2012-10-13T06:00:00.000Z' });
    expect(checkReminder(due[0], current(r2()), now)).toEqual({ send: true });
  });

  it('a late overdue notice is skipped once the next weekly notice has come due', () => {
    const [week0] = ofKind(plan(r2(), '2012-08-20T10:00:00.000Z'), 'action_overdue');

    const check = checkReminder(week0, current(r2()), '2012-09-08T07:00:00.000Z');

    expect(check).toEqual({
      send: false,
      reason: 'stale: due 2012-09-01T06:00:00.000Z, now 2012-09-08T07:00:00.000Z: a week or more late, and a later weekly notice (the next from 2012-09-08T06:00:00.000Z) says the same',
    });
  });

  it('rescheduling the action stops the notices planned for the old due date', () => {
    const [week0] = ofKind(plan(r2(), '2012-08-20T10:00:00.000Z'), 'action_overdue');
    const rescheduled = r2([
      '2012-08-30T09:00:00.000Z',
      { type: 'ActionRescheduled', data: { actionId: 'a1', dueDate: '2012-10-31', previousDueDate: '2012-08-31', reason: 'Sommaruppehåll' } },
    ]);

    expect(checkReminder(week0, current(rescheduled), week0.sendAt)).toEqual({
      send: false,
      reason: 'due date moved from 2012-08-31 to 2012-10-31',
    });
    expect(ofKind(plan(rescheduled, '2012-09-01T06:00:00.000Z'), 'action_overdue').map((r) => r.sendAt)).toEqual([
      '2012-11-01T07:00:00.000Z',
      '2012-11-01T07:00:00.000Z',
    ]);
  });

  it('completing the action stops the notices', () => {
    const [week0] = ofKind(plan(r2(), '2012-08-20T10:00:00.000Z'), 'action_overdue');
    const completed = r2(['2012-09-03T09:00:00.000Z', { type: 'ActionCompleted', data: { actionId: 'a1', note: 'Klart' } }]);

    expect(checkReminder(week0, current(completed), '2012-09-08T06:00:00.000Z')).toEqual({ send: false, reason: 'action is completed' });
    expect(ofKind(plan(completed, '2012-09-03T10:00:00.000Z'), 'action_overdue')).toEqual([]);
  });

  it('the head of the unit the action has left is no longer notified', () => {
    const headNotice = ofKind(plan(r2(), '2012-08-20T10:00:00.000Z'), 'action_overdue').find((r) => r.recipient === HEAD)!;
    const moved = r2([
      '2012-08-25T09:00:00.000Z',
      {
        type: 'ActionAssigned',
        data: { actionId: 'a1', ownerEmail: OWNER, responsibleUnit: 'utredning', previousOwnerEmail: OWNER, previousResponsibleUnit: 'sfi' },
      },
    ]);

    expect(checkReminder(headNotice, current(moved), headNotice.sendAt)).toEqual({
      send: false,
      reason: 'recipient is neither the owner nor a head of unit utredning',
    });
  });
});

describe('stale reminders', () => {
  it('a milestone reminder more than 24 hours late is skipped with its reason', () => {
    const [first] = ofKind(plan(r2(), '2012-04-20T10:00:00.000Z'), 'milestone_due', 'T1');

    expect(checkReminder(first, current(r2()), '2012-05-02T06:00:01.000Z')).toEqual({
      send: false,
      reason: 'stale: due 2012-05-01T06:00:00.000Z, now 2012-05-02T06:00:01.000Z',
    });
  });

  it('a milestone reminder a few hours late is still sent', () => {
    const [first] = ofKind(plan(r2(), '2012-04-20T10:00:00.000Z'), 'milestone_due', 'T1');

    expect(checkReminder(first, current(r2()), '2012-05-01T11:00:00.000Z')).toEqual({ send: true });
  });

  it('a cycle loaded after its first reminder time still plans that reminder, so its skip is recorded', () => {
    const now = '2012-05-10T10:00:00.000Z';

    const t1 = ofKind(plan(r2(), now), 'milestone_due', 'T1');

    expect(t1.map((r) => checkReminder(r, current(r2()), now > r.sendAt ? now : r.sendAt))).toEqual([
      { send: false, reason: `stale: due 2012-05-01T06:00:00.000Z, now ${now}` },
      { send: false, reason: `stale: due 2012-05-08T06:00:00.000Z, now ${now}` },
      { send: true },
    ]);
  });

  it('a milestone already past plans nothing, so an old cycle sends no mail', () => {
    expect(ofKind(plan(r2(), '2013-03-01T10:00:00.000Z'), 'milestone_due')).toEqual([]);
  });
});

describe('reminder ids', () => {
  it('planning twice gives the same reminders with the same ids', () => {
    const given = r2();

    const first = plan(given, '2012-04-20T10:00:00.000Z');
    const again = plan(given, '2012-04-25T15:30:00.000Z');

    expect(again).toEqual(first);
    expect(new Set(first.map((r) => r.id)).size).toBe(first.length);
  });

  it('ids are UUIDs, usable as queue job ids', () => {
    for (const r of plan(r2(), '2012-04-20T10:00:00.000Z')) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('08:00 Stockholm time across daylight saving', () => {
  it('a reminder before the switch to summer time goes out at 07:00 UTC, one after it at 06:00 UTC', () => {
    const early: CycleState = { ...cycle, reminderDaysBefore: [60, 14] };

    const t1 = ofKind(plan(r2(), '2012-03-01T10:00:00.000Z', [early]), 'milestone_due', 'T1');

    expect(t1.map((r) => r.sendAt)).toEqual(['2012-03-16T07:00:00.000Z', '2012-05-01T06:00:00.000Z']);
  });

  it('an overdue notice on the morning clocks go back in 2012 goes out at 07:00 UTC', () => {
    const dueBeforeSwitch = r2([
      '2012-08-30T09:00:00.000Z',
      { type: 'ActionRescheduled', data: { actionId: 'a1', dueDate: '2012-10-27', previousDueDate: '2012-08-31', reason: 'Omplanerat' } },
    ]);

    const [notice] = ofKind(plan(dueBeforeSwitch, '2012-10-01T10:00:00.000Z'), 'action_overdue');

    expect(notice.sendAt).toBe('2012-10-28T07:00:00.000Z');
  });
});

describe('secretary summaries', () => {
  it('each secretary gets one summary per milestone, at the earliest reminder', () => {
    const summaries = planSecretarySummaries({ recommendations: [r2()], cycles: [cycle], secretaries, now: '2012-04-20T10:00:00.000Z' });

    expect(summaries).toHaveLength(6);
    expect(summaries.filter((s) => s.milestoneKey === 'T1').map((s) => [s.recipient, s.sendAt])).toEqual(
      expect.arrayContaining([
        ['sekreterare@demo.local', '2012-05-01T06:00:00.000Z'],
        ['sekreterare2@demo.local', '2012-05-01T06:00:00.000Z'],
      ]),
    );
    expect(summaries.every((s) => s.recommendationId === null && s.actionId === null)).toBe(true);
  });

  it('the summary lists what is overdue and who has not reported in the period', () => {
    const t2 = cycle.milestones[1];

    const summary = summarizeMilestone([r2()], t2, '2012-09-03T08:00:00.000Z');

    expect(summary.overdue.map((i) => [i.code, i.actionTitle, i.ownerEmail, i.dueDate])).toEqual([
      ['R2', 'Kartlägg stadsdelarna', OWNER, '2012-08-31'],
    ]);
    expect(summary.notReported.map((i) => i.actionId)).toEqual(['a1']);
  });

  it('a summary to someone who is no longer a secretary is skipped', () => {
    const [summary] = planSecretarySummaries({ recommendations: [r2()], cycles: [cycle], secretaries, now: '2012-04-20T10:00:00.000Z' });

    const check = checkReminder(summary, { ...current(null), secretaries: ['ny.sekreterare@demo.local'] }, summary.sendAt);

    expect(check).toEqual({ send: false, reason: 'recipient is no longer a secretary' });
  });
});
