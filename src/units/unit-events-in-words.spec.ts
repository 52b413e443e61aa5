import { describeTimeline, type TimelineEvent } from '../recommendations/timeline';
import { dictionary } from '../web/i18n';

const ada = { name: 'Ada Admin', role: 'admin', email: 'admin@demo.local' };
const at = (time: string) => `2012-03-12T${time}:00.000Z`;

/** As the audit log gives them: each with its stream, which is how a unit event names its unit. */
const events: TimelineEvent[] = [
  { type: 'UnitCreated', occurredAt: at('08:00'), actor: ada, reason: null, streamId: 'unit-ekonomi', data: { unitId: 'ekonomi', name: 'ekonomiavdelningen', nameEn: 'Finance department' } },
  { type: 'UnitRenamed', occurredAt: at('09:00'), actor: ada, reason: 'Ny chef', streamId: 'unit-sfi', data: { name: 'sfi- och vuxenutbildningen' } },
  { type: 'UnitRenamed', occurredAt: at('09:30'), actor: ada, reason: 'Ny chef', streamId: 'unit-sfi', data: { name: 'sfi-enheten', nameEn: 'Sfi unit' } },
  { type: 'UnitRetired', occurredAt: at('10:00'), actor: ada, reason: 'Sammanslagen', streamId: 'unit-ekonomi', data: {} },
  { type: 'UnitReinstated', occurredAt: at('11:00'), actor: ada, reason: 'Tillbaka', streamId: 'unit-ekonomi', data: {} },
];

const names = { sv: { sfi: 'sfi-enheten', ekonomi: 'ekonomiavdelningen' }, en: { sfi: 'Sfi unit', ekonomi: 'Finance department' } };

describe("the units' events in plain words", () => {
  it('in Swedish: who did what to which unit, and why', () => {
    const entries = describeTimeline(events, dictionary('sv'), 'sv', names.sv);
    expect(entries.map((e) => e.what)).toEqual([
      'Lade till enheten ekonomiavdelningen (ekonomi).',
      'Bytte namn på enheten sfi till ”sfi- och vuxenutbildningen”.',
      'Bytte namn på enheten sfi till ”sfi-enheten”. Bytte det engelska namnet på enheten sfi till ”Sfi unit”.',
      'Avvecklade enheten ekonomiavdelningen.',
      'Återinförde enheten ekonomiavdelningen.',
    ]);
    expect([entries[1].who, entries[1].why]).toEqual(['Ada Admin (administratör)', 'Ny chef']);
  });

  it('in English, with the English names', () => {
    expect(describeTimeline(events, dictionary('en'), 'en', names.en).map((e) => e.what)).toEqual([
      'Added the unit Finance department (ekonomi).',
      'Renamed the unit sfi to “sfi- och vuxenutbildningen” in Swedish.',
      'Renamed the unit sfi to “sfi-enheten” in Swedish. Renamed the unit sfi to “Sfi unit” in English.',
      'Retired the unit Finance department.',
      'Reinstated the unit Finance department.',
    ]);
  });
});
