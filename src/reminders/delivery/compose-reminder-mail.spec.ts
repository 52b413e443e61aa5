import type { CycleState } from '../../cycles/domain/cycle';
import type { RecommendationState } from '../../recommendations/domain/recommendation.state';
import { VERKSAMHETSPLAN_2012 } from '../../seed/stockholm-2012';
import type { Reminder } from '../domain/reminder-plan';
import { composeReminderMail, nextMilestone } from './compose-reminder-mail';

/** The seed's plan without its annual report, so that after T2 no report is ahead. */
const cycle: CycleState = {
  id: 'vp2012',
  ...VERKSAMHETSPLAN_2012,
  milestones: VERKSAMHETSPLAN_2012.milestones.filter((m) => m.key !== 'VB'),
  version: 1,
  lastChangedAt: '2012-01-10T09:00:00.000Z',
};

const recommendation = {
  id: 'r2',
  code: 'R2',
  title: 'Uppsökande verksamhet',
  status: 'in_progress',
  actions: [
    {
      id: 'a1',
      title: 'Kartlägg stadsdelarna',
      responsibleUnit: 'sfi',
      ownerEmail: 'handlaggare.sfi@demo.local',
      dueDate: '2012-04-16',
      status: 'planned',
      addedAt: '2012-04-10T08:00:00.000Z',
      updates: [],
    },
  ],
} as unknown as RecommendationState;

const overdue: Reminder = {
  id: '6f1c2a4e-0b7d-8c3e-9a51-2d4f6b8e0c17',
  kind: 'action_overdue',
  recipient: 'chef.sfi@demo.local',
  recommendationId: 'r2',
  actionId: 'a1',
  milestoneKey: null,
  cycleId: null,
  sendAt: '2012-04-17T06:00:00.000Z',
  dueKey: '2012-04-16/week-0',
};

const compose = (reminder: Reminder, language: string | null) =>
  composeReminderMail({ reminder, recommendation, recommendations: [recommendation], cycles: [cycle], language, now: '2012-04-17T06:05:00.000Z', baseUrl: 'https://uppfoljning.stockholm.se' });

describe('composing the mail for a reminder', () => {
  it('an overdue notice goes to the recipient, carries the reminder id and points at the next report', () => {
    const mail = compose(overdue, 'sv');
    expect(mail).toMatchObject({ to: 'chef.sfi@demo.local', id: overdue.id });
    expect(mail.subject).toBe('Försenad åtgärd: ”Kartlägg stadsdelarna” (R2), slutdatum 16 april 2012');
    expect(mail.text).toContain('Tertialrapport 1');
    expect(mail.text).toContain('https://uppfoljning.stockholm.se/rekommendationer/r2#action-a1');
  });

  it('is in English for a user whose language is English, and in Swedish when the language is unknown', () => {
    expect(compose(overdue, 'en').subject).toBe('Overdue action: “Kartlägg stadsdelarna” (R2), due 16 April 2012');
    expect(compose(overdue, null).subject).toMatch(/^Försenad åtgärd/);
  });

  it('a milestone reminder names its milestone', () => {
    const mail = compose({ ...overdue, kind: 'milestone_due', recipient: 'handlaggare.sfi@demo.local', milestoneKey: 'T1', cycleId: 'vp2012', dueKey: '2012-05-22/14d-before' }, 'sv');
    expect(mail.subject).toBe('Påminnelse inför Tertialrapport 1: rapportera läget för ”Kartlägg stadsdelarna”');
  });

  it('a secretary summary lists what is overdue and who has not reported', () => {
    const mail = compose(
      { ...overdue, kind: 'secretary_summary', recipient: 'sekreterare@demo.local', recommendationId: null, actionId: null, milestoneKey: 'T1', cycleId: 'vp2012', dueKey: '2012-05-22/14d-before' },
      'sv',
    );
    expect(mail.subject).toBe('Sammanställning inför Tertialrapport 1: 1 försenad åtgärd, 1 utan lägesrapport');
    expect(mail.text).toContain('R2 Uppsökande verksamhet – Kartlägg stadsdelarna');
    expect(mail.html).toContain('<a href="https://uppfoljning.stockholm.se/ej-rapporterat">Öppna uppföljningen</a>');
  });

  it('an action that is gone cannot be composed (the check skips it before it gets here)', () => {
    expect(() => compose({ ...overdue, actionId: 'gone' }, 'sv')).toThrow('Action gone of recommendation r2 not found');
  });

  it('the next report is the earliest milestone not yet due, across cycles', () => {
    expect(nextMilestone([cycle], '2012-05-22T20:00:00.000Z')?.key).toBe('T1');
    expect(nextMilestone([cycle], '2012-05-23T06:00:00.000Z')?.key).toBe('T2');
    expect(nextMilestone([cycle], '2012-12-01T06:00:00.000Z')).toBeNull();
  });
});
