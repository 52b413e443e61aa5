import { dictionary } from '../web/i18n';
import { describeTimeline, type TimelineEvent } from './timeline';

const sara = { name: 'Sara Sekreterare', role: 'secretary', email: 'sekreterare@demo.local' };
const hanna = { name: 'Hanna Handläggare', role: 'officer', email: 'handlaggare.sfi@demo.local' };
const at = (time: string) => `2012-06-01T${time}:00.000Z`;
const units = { sfi: 'sfi-avdelningen' };

const history: TimelineEvent[] = [
  { type: 'RecommendationRegistered', occurredAt: at('08:00'), actor: sara, reason: null, data: { code: 'R2', title: 'Uppsökande verksamhet', responsibleUnit: 'sfi' } },
  { type: 'RecommendationDecided', occurredAt: at('08:30'), actor: sara, reason: 'Fel rad', data: { decision: 'rejected', reason: 'Fel rad', meeting: null } },
  {
    type: 'RecommendationCorrected',
    occurredAt: at('08:45'),
    actor: sara,
    reason: 'Registrerat av misstag',
    data: { corrects: 'decision', corrected: 'rejected', reason: 'Registrerat av misstag', meeting: null, status: 'received', decision: null, assessment: null },
  },
  { type: 'RecommendationDecided', occurredAt: at('09:00'), actor: sara, reason: 'Ja', data: { decision: 'accepted', reason: 'Ja', meeting: null } },
  { type: 'ActionAdded', occurredAt: at('10:00'), actor: hanna, reason: null, data: { actionId: 'a1', title: 'Uppsökande tema', responsibleUnit: 'sfi', ownerEmail: 'handlaggare.sfi@demo.local', dueDate: '2012-08-31' } },
  {
    type: 'ActionEdited',
    occurredAt: at('10:30'),
    actor: hanna,
    reason: 'Stavfel',
    data: { actionId: 'a1', title: 'Uppsökande team', description: 'I Järva', previousTitle: 'Uppsökande tema', previousDescription: null, reason: 'Stavfel' },
  },
  { type: 'ActionProgressReported', occurredAt: at('11:00'), actor: hanna, reason: null, data: { actionId: 'a1', progressPercent: 30, note: 'Rinkeby', evidence: [] } },
  { type: 'ActionProgressReported', occurredAt: at('11:30'), actor: hanna, reason: null, data: { actionId: 'a1', progressPercent: 80, note: 'Fel åtgärd', evidence: [] } },
  { type: 'ActionProgressRetracted', occurredAt: at('12:00'), actor: hanna, reason: 'Fel åtgärd', data: { actionId: 'a1', updateSeq: 2, reason: 'Fel åtgärd', progressPercent: 30 } },
];

describe('the timeline of corrections', () => {
  it('given corrections, when the timeline is read in Swedish, then each says what was and what is, and what it took back is marked', () => {
    const entries = describeTimeline(history, dictionary('sv'), 'sv', units);
    expect(entries.map((e) => e.what)).toEqual([
      'Registrerade rekommendation R2 ”Uppsökande verksamhet” med sfi-avdelningen som ansvarig enhet.',
      'Nämnden avslog rekommendationen. Rättad senare: räknas inte.',
      'Rättade nämndens beslut ”Avslå”, som registrerats av misstag; status är åter Mottagen.',
      'Nämnden antog rekommendationen.',
      'Lade till åtgärden ”Uppsökande tema”, ansvarig handlaggare.sfi@demo.local på sfi-avdelningen, klar senast 31 augusti 2012.',
      'Ändrade titeln på åtgärden från ”Uppsökande tema” till ”Uppsökande team”. Lade till beskrivningen ”I Järva” till ”Uppsökande team”.',
      'Rapporterade 30 % framsteg på ”Uppsökande team”.',
      'Rapporterade 80 % framsteg på ”Uppsökande team”. Tillbakatagen senare: räknas inte.',
      'Tog tillbaka en rapport på ”Uppsökande team”; framsteget räknas nu som 30 %.',
    ]);
    expect(entries[2].why).toBe('Registrerat av misstag');
  });

  it('given the same corrections, when read in English, then they read in English', () => {
    const what = describeTimeline(history, dictionary('en'), 'en', units).map((e) => e.what);
    expect(what[1]).toBe('The committee rejected the recommendation. Corrected later: does not count.');
    expect(what[2]).toBe("Corrected the committee's decision “Reject”, recorded by mistake; the status is Received again.");
    expect(what[5]).toBe("Changed the action's title from “Uppsökande tema” to “Uppsökande team”. Added the description “I Järva” to “Uppsökande team”.");
    expect(what[8]).toBe('Retracted a report on “Uppsökande team”; progress now counts as 30%.');
  });
});
