import { checkDay, checkDayOrInstant, checkInstant } from './calendar';

describe('the calendar the system accepts', () => {
  it('days exist: leap years, month lengths', () => {
    expect(['2012-02-29', '2000-02-29', '2012-12-31', '1900-01-01', '2200-12-31'].map(checkDay)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(['2011-02-29', '1900-02-29', '2012-04-31', '2012-00-10', '2012-13-01', '2012-01-00'].map(checkDay)).toEqual(Array(6).fill('malformed'));
  });
  it('days are YYYY-MM-DD strings and nothing else', () => {
    for (const bad of ['2012-4-30', '20120430', ' 2012-04-30', '2012-04-30T00:00:00Z', 'yesterday', '', 20120430, null, undefined, ['2012-04-30']]) {
      expect(checkDay(bad)).toBe('malformed');
    }
  });
  it('days outside 1900–2200 are out of range', () => {
    expect(['1899-12-31', '2201-01-01', '9999-12-31', '0000-01-01'].map(checkDay)).toEqual(Array(4).fill('out_of_range'));
  });
  it('instants carry a zone and a time that exists', () => {
    expect(['2012-04-30T10:00Z', '2012-04-30T10:00:00Z', '2012-04-30T10:00:00.123Z', '2012-04-30T10:00:00+02:00', '2012-04-30T10:00:00-0130'].map(checkInstant)).toEqual(Array(5).fill('ok'));
    for (const bad of ['2012-04-30T10:00:00', '2012-04-30', '2012-04-30T24:00:00Z', '2012-04-30T10:60:00Z', '2012-04-30T10:00:60Z', '2012-02-30T10:00:00Z', '2012-04-30T10:00:00+25:00', 'x']) {
      expect(checkInstant(bad)).toBe('malformed');
    }
    expect(checkInstant('9999-12-31T00:00:00Z')).toBe('out_of_range');
  });
  it('a day or an instant, as asOf takes them', () => {
    expect(['2012-04-30', '2012-04-30T10:00:00Z'].map(checkDayOrInstant)).toEqual(['ok', 'ok']);
    expect(['2012-02-30', 'x', '2012-04-30T10:00'].map(checkDayOrInstant)).toEqual(['malformed', 'malformed', 'malformed']);
    expect(checkDayOrInstant('2201-01-01')).toBe('out_of_range');
  });
});
