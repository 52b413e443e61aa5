import { formatInteger } from '../../kernel/format-integer';
import { daysBetween, formatDate, formatInstant, formatPercent, utcDateOf } from './report-format';

describe('report formatting by language', () => {
  it('writes dates as sv-SE (ISO) and en-GB (day month year)', () => {
    expect(formatDate('2012-04-30', 'sv')).toBe('2012-04-30');
    expect(formatDate('2012-04-30', 'en')).toBe('30 April 2012');
    expect(formatDate('2012-09-01', 'en')).toBe('1 September 2012');
  });

  it('writes instants in UTC to the minute, saying so', () => {
    expect(formatInstant('2012-04-30T23:59:59.999Z', 'sv')).toBe('2012-04-30 23:59 UTC');
    expect(formatInstant('2012-04-30T23:59:59.999Z', 'en')).toBe('30 April 2012, 23:59 UTC');
    expect(formatInstant('2012-05-01T01:30:00+02:00', 'sv')).toBe('2012-04-30 23:30 UTC');
  });

  it('groups thousands with a no-break space in Swedish and a comma in English', () => {
    expect(formatInteger(1234567, 'sv')).toBe('1\u00a0234\u00a0567');
    expect(formatInteger(1234567, 'en')).toBe('1,234,567');
    expect(formatInteger(999, 'sv')).toBe('999');
    expect(formatInteger(-1200, 'sv')).toBe('\u22121\u00a0200');
  });

  it('writes percentages as "40 %" in Swedish and "40%" in English', () => {
    expect(formatPercent(40, 'sv')).toBe('40\u00a0%');
    expect(formatPercent(40, 'en')).toBe('40%');
  });

  it('takes the UTC day of an instant, whatever the offset it was written with', () => {
    expect(utcDateOf('2012-05-01T01:30:00+02:00')).toBe('2012-04-30');
  });

  it('counts days across a daylight-saving change without losing an hour', () => {
    expect(daysBetween('2012-03-24', '2012-03-26')).toBe(2);
  });

  it('refuses what is not a date rather than printing nonsense', () => {
    expect(() => formatDate('30/4/2012', 'sv')).toThrow('YYYY-MM-DD');
    expect(() => formatInstant('yesterday', 'sv')).toThrow('instant');
  });
});
