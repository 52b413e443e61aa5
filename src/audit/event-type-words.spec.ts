import { AUDIT_WORDS } from '../web/words/audit.words';
import { EVENT_TYPES } from './audit-log-page';

describe('the event log’s type filter', () => {
  it('names every kind of event in words, in Swedish and in English', () => {
    for (const language of ['sv', 'en'] as const) {
      const missing = EVENT_TYPES.filter((type) => !AUDIT_WORDS[language].audit.eventTypes[type]);
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
    expect(AUDIT_WORDS.sv.audit.eventTypes.ActionProgressReported).toBe('Lägesrapport');
  });

  it('counts one event in the singular, in both languages', () => {
    expect([AUDIT_WORDS.sv.audit.caption(1), AUDIT_WORDS.sv.audit.caption(2)]).toEqual(['1 händelse', '2 händelser']);
    expect([AUDIT_WORDS.en.audit.caption(1), AUDIT_WORDS.en.audit.caption(0)]).toEqual(['1 event', '0 events']);
  });
});
