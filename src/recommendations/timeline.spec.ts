import { UNITS } from '../seed/stockholm-2012';
import { dictionary } from '../web/i18n';
import { describeTimeline, type TimelineEvent } from './timeline';

/** The unit names as the seed puts them into the units table. */
const unitNames = { sv: Object.fromEntries(UNITS.map((u) => [u.id, u.name])), en: Object.fromEntries(UNITS.map((u) => [u.id, u.nameEn])) };

const sara = { name: 'Sara Sekreterare', role: 'secretary', email: 'sekreterare@demo.local' };
const hanna = { name: 'Hanna Handläggare', role: 'officer', email: 'handlaggare.sfi@demo.local' };
const at = (time: string) => `2012-06-01T${time}:00.000Z`;

const history: TimelineEvent[] = [
  { type: 'RecommendationRegistered', occurredAt: at('08:00'), actor: sara, reason: null, data: { code: 'R2', title: 'Uppsökande verksamhet', responsibleUnit: 'sfi' } },
  {
    type: 'RecommendationDecided',
    occurredAt: at('09:00'),
    actor: sara,
    reason: 'Ingår i verksamhetsplan 2012',
    data: { decision: 'accepted', reason: 'Ingår i verksamhetsplan 2012', meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-05-22', paragraph: '§ 9' } },
  },
  { type: 'ActionAdded', occurredAt: at('10:00'), actor: hanna, reason: null, data: { actionId: 'a1', title: 'Uppsökande team', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' } },
  {
    type: 'ActionProgressReported',
    occurredAt: at('11:00'),
    actor: hanna,
    reason: null,
    data: { actionId: 'a1', progressPercent: 40, note: 'Rinkeby klart', evidence: [{ title: 'Karta', url: 'https://example.org/k.pdf' }, { title: 'Elak', url: 'javascript:alert(1)' }] },
  },
  { type: 'ActionRescheduled', occurredAt: at('12:00'), actor: hanna, reason: 'Väntar på statistik', data: { actionId: 'a1', dueDate: '2012-10-31', previousDueDate: '2012-08-31', reason: 'Väntar på statistik' } },
  { type: 'ActionCancelled', occurredAt: at('13:00'), actor: hanna, reason: 'Ersätts', data: { actionId: 'unknown', reason: 'Ersätts' } },
  { type: 'SomethingNew', occurredAt: at('14:00'), actor: sara, reason: null, data: {} },
];

describe('timeline sentences', () => {
  it("gives a skipped or failed reminder's reason, and no reason for a sent one (its detail is the mail's Message-ID)", () => {
    const reminder = (outcome: string, detail: string): TimelineEvent => ({
      type: 'ReminderRecorded',
      occurredAt: at('15:00'),
      actor: { name: 'Uppföljning', role: 'system' },
      reason: null,
      data: { outcome, recipient: 'chef.sfi@demo.local', detail },
    });
    const entries = describeTimeline(
      [reminder('sent', '<02ed404f-2c1a@localhost>'), reminder('skipped', 'the action is completed'), reminder('failed', '550 no such mailbox')],
      dictionary('sv'),
      'sv',
      unitNames.sv,
    );
    expect(entries.map((e) => [e.what, e.why])).toEqual([
      ['Skickade en påminnelse till chef.sfi@demo.local.', null],
      ['Hoppade över en påminnelse till chef.sfi@demo.local.', 'the action is completed'],
      ['En påminnelse till chef.sfi@demo.local kunde inte skickas.', '550 no such mailbox'],
    ]);
  });

  it('tells who, when, what and why in plain Swedish', () => {
    const entries = describeTimeline(history, dictionary('sv'), 'sv', unitNames.sv);
    expect(entries.map((e) => e.what)).toEqual([
      'Registrerade rekommendation R2 ”Uppsökande verksamhet” med sfi-avdelningen som ansvarig enhet.',
      'Nämnden antog rekommendationen. (Arbetsmarknadsnämnden 22 maj 2012, § 9)',
      'Lade till åtgärden ”Uppsökande team”, ansvarig handlaggare.sfi@demo.local på sfi-avdelningen, klar senast 31 augusti 2012.',
      'Rapporterade 40 % framsteg på ”Uppsökande team”.',
      'Flyttade slutdatumet för ”Uppsökande team” från 31 augusti 2012 till 31 oktober 2012.',
      'Avbröt åtgärden ”en åtgärd”.',
      'Händelse av typen SomethingNew.',
    ]);
    expect(entries[1]).toMatchObject({ who: 'Sara Sekreterare (nämndsekreterare)', why: 'Ingår i verksamhetsplan 2012', when: '1 juni 2012 kl. 11:00' });
    expect(entries[3]).toMatchObject({ note: 'Rinkeby klart', evidence: [{ title: 'Karta', url: 'https://example.org/k.pdf' }] });
  });

  it('says the same in English, dates and roles included', () => {
    const entries = describeTimeline(history, dictionary('en'), 'en', unitNames.en);
    expect(entries[1].what).toBe('The committee accepted the recommendation. (Arbetsmarknadsnämnden 22 May 2012, § 9)');
    expect(entries[3].what).toBe('Reported 40% progress on “Uppsökande team”.');
    expect(entries[4].what).toBe('Moved the due date of “Uppsökande team” from 31 August 2012 to 31 October 2012.');
    expect(entries[1].who).toBe('Sara Sekreterare (committee secretary)');
  });
});
