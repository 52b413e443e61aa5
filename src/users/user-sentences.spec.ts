import { dictionary } from '../web/i18n';
import type { UserEvent } from './domain/user';
import { describeUserEvent } from './user-sentences';

const units = { sfi: 'sfi-avdelningen', utredning: 'utvecklings- och utredningsstaben' };
const ref = { userId: 'u1', email: 'olle.officer@stad.se' };
const say = (e: UserEvent, lang: 'sv' | 'en' = 'sv', names = new Map([['u1', 'Olle Officer']])) => describeUserEvent(e, dictionary(lang), names, units);

describe('user events in plain words', () => {
  it('a new user, with the unit by its name and where the user came from', () => {
    const created: UserEvent = { type: 'UserCreated', data: { ...ref, name: 'Olle Officer', role: 'officer', unit: 'sfi', language: 'sv', source: 'admin' } };
    expect(say(created)).toBe('Lade till Olle Officer (olle.officer@stad.se) som handläggare på sfi-avdelningen.');
    expect(say({ ...created, data: { ...created.data, source: 'sso', role: 'auditor', unit: null } })).toBe(
      'Lade till Olle Officer (olle.officer@stad.se) som revisor (vid första inloggningen med stadens konto).',
    );
    // The unit's name in the page's language is the caller's (these are the Swedish ones).
    expect(say(created, 'en')).toBe('Added Olle Officer (olle.officer@stad.se) as officer of sfi-avdelningen.');
  });

  it('a change says each thing that changed; a user whose name the log does not hold is named by the address', () => {
    expect(say({ type: 'UserChanged', data: { ...ref, role: 'unit_head' } })).toBe('Gav Olle Officer rollen avdelningschef.');
    expect(say({ type: 'UserChanged', data: { ...ref, unit: 'utredning', language: 'en' } }, 'sv', new Map())).toBe(
      'Flyttade olle.officer@stad.se till utvecklings- och utredningsstaben. Ändrade språket för olle.officer@stad.se till engelska.',
    );
    expect(say({ type: 'UserChanged', data: { ...ref, name: 'Olle Chef', unit: null } })).toBe('Bytte namn på olle.officer@stad.se till Olle Chef. Tog bort Olle Officer från sin enhet.');
    expect(say({ type: 'UserChanged', data: { ...ref, role: 'unit_head' } }, 'en')).toBe('Gave Olle Officer the role unit head.');
  });

  it('deactivation and reactivation', () => {
    expect(say({ type: 'UserDeactivated', data: ref })).toBe('Inaktiverade Olle Officer.');
    expect(say({ type: 'UserReactivated', data: ref }, 'en')).toBe('Reactivated Olle Officer.');
  });
});
