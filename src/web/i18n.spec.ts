import { dictionary, formatDay, formatInstant, LANGUAGES } from './i18n';

/** Every key path of a dictionary, with the kind of value found there. */
function shape(value: unknown, path = ''): string[] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
  return [`${path}:${typeof value}`];
}

describe('the web dictionary', () => {
  it('has the same keys, of the same kinds, in Swedish and English', () => {
    expect(shape(dictionary('en'))).toEqual(shape(dictionary('sv')));
  });

  it('leaves no label empty in either language', () => {
    for (const lang of LANGUAGES) {
      const empty = shape(dictionary(lang)).filter((entry) => entry.endsWith(':string')).map((entry) => entry.split(':')[0])
        .filter((path) => path.split('.').reduce<any>((v, k) => v[k], dictionary(lang)).trim() === '');
      expect({ lang, empty }).toEqual({ lang, empty: [] });
    }
  });

  it('is Swedish first, and speaks the report vocabulary', () => {
    expect(dictionary('sv').recommendationStatus.accepted).toBe('Antagen');
    expect(dictionary('en').recommendationStatus.partially_implemented).toBe('Partially implemented');
    expect(dictionary('sv').list.overdueTotal(1)).toBe('1 försenad åtgärd');
    expect(dictionary('en').list.overdueTotal(3)).toBe('3 overdue actions');
  });

  it('formats days and instants for each language, instants in Stockholm time', () => {
    expect(formatDay('2012-04-30', 'sv')).toBe('30 april 2012');
    expect(formatDay('2012-04-30', 'en')).toBe('30 April 2012');
    // 22:30 UTC on 30 April is already 1 May in Stockholm (CEST, UTC+2).
    expect(formatInstant('2012-04-30T22:30:00Z', 'sv')).toBe('1 maj 2012 kl. 00:30');
    expect(formatDay('not a day', 'sv')).toBe('not a day');
  });
});
