import { DomainError } from './domain-error';
import { parseAsOf, parseFrom } from './as-of';

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
    for (const bad of ['yesterday', '2012-02-30', '2012-13-01', '2012-02-30T10:00:00Z', '2012-04-30T24:00:00Z', '2012-04-30T10:00:00']) {
      expect(() => parseAsOf(bad)).toThrow(DomainError);
    }
  });
  it('dates outside 1900–2200 are refused with the range in the message', () => {
    for (const bad of ['1899-12-31', '2201-01-01', '9999-12-31T00:00:00Z', '0001-01-01T00:00:00Z']) {
      const error = (() => {
        try {
          parseAsOf(bad, 'to');
        } catch (e) {
          return e as DomainError;
        }
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect(error?.kind).toBe('invalid');
      expect(error?.details).toEqual([{ field: 'to', message: 'must be between 1900-01-01 and 2200-12-31' }]);
    }
    expect(parseAsOf('1900-01-01')).toBe('1900-01-01T23:59:59.999Z');
    expect(parseAsOf('2200-12-31T10:00:00Z')).toBe('2200-12-31T10:00:00.000Z');
  });
  it('from: a date means the start of that day, an instant itself', () => {
    expect(parseFrom('2012-04-30')).toBe('2012-04-30T00:00:00.000Z');
    expect(parseFrom('2012-04-30T12:00:00+02:00')).toBe('2012-04-30T10:00:00.000Z');
    expect(() => parseFrom('x')).toThrow(DomainError);
  });
});
