import { DomainError } from './domain-error';
import { parseAsOf } from './as-of';

describe('asOf', () => {
  it('a date means the end of that day, UTC', () => {
    expect(parseAsOf('2012-04-30')).toBe('2012-04-30T23:59:59.999Z');
  });
  it('an instant is normalised to UTC with milliseconds', () => {
    expect(parseAsOf('2012-04-30T12:00:00+02:00')).toBe('2012-04-30T10:00:00.000Z');
  });
  it('nothing means now', () => {
    expect(parseAsOf(undefined)).toBeNull();
  });
  it('garbage and impossible dates are refused naming the field', () => {
    for (const bad of ['yesterday', '2012-02-30', '2012-13-01']) {
      expect(() => parseAsOf(bad)).toThrow(DomainError);
    }
  });
});
