import { addDays, dayOfAsOf, daysBetween, stockholmDate, stockholmInstant } from './calendar';
import { Clock } from './clock';

describe('Stockholm wall-clock time', () => {
  it('08:00 in Stockholm winter time (CET) is 07:00 UTC', () => {
    expect(stockholmInstant('2012-01-16', 8)).toBe('2012-01-16T07:00:00.000Z');
  });

  it('08:00 in Stockholm summer time (CEST) is 06:00 UTC', () => {
    expect(stockholmInstant('2012-05-02', 8)).toBe('2012-05-02T06:00:00.000Z');
  });

  it('the day clocks go forward in 2012 (25 March) 08:00 is already summer time', () => {
    expect(stockholmInstant('2012-03-24', 8)).toBe('2012-03-24T07:00:00.000Z');
    expect(stockholmInstant('2012-03-25', 8)).toBe('2012-03-25T06:00:00.000Z');
  });

  it('the day clocks go back in 2012 (28 October) 08:00 is already winter time', () => {
    expect(stockholmInstant('2012-10-27', 8)).toBe('2012-10-27T06:00:00.000Z');
    expect(stockholmInstant('2012-10-28', 8)).toBe('2012-10-28T07:00:00.000Z');
  });

  it('midnight starting a Stockholm day is the evening before in UTC', () => {
    expect(stockholmInstant('2012-05-01', 0)).toBe('2012-04-30T22:00:00.000Z');
    expect(stockholmInstant('2012-01-01', 0)).toBe('2011-12-31T23:00:00.000Z');
  });

  it('an instant late in the UTC evening is already the next day in Stockholm', () => {
    expect(stockholmDate('2012-04-30T22:30:00.000Z')).toBe('2012-05-01');
    expect(stockholmDate('2012-04-30T21:30:00.000Z')).toBe('2012-04-30');
  });

  it('adds and counts calendar days across month and leap-day boundaries', () => {
    expect(addDays('2012-02-28', 1)).toBe('2012-02-29');
    expect(addDays('2012-03-01', -1)).toBe('2012-02-29');
    expect(daysBetween('2012-03-20', '2012-04-03')).toBe(14);
  });

  it("the clock's today is Stockholm's: 23:30 UTC on a summer evening is already tomorrow", () => {
    expect(new Clock('2012-06-30T23:30:00.000Z').today()).toBe('2012-07-01');
    expect(new Clock('2012-06-30T21:30:00.000Z').today()).toBe('2012-06-30');
    expect(new Clock('2012-12-31T23:30:00.000Z').today()).toBe('2013-01-01');
    expect(new Clock('2012-12-31T22:30:00.000Z').today()).toBe('2012-12-31');
  });

  it('a date given as asOf stands for that date; any other asOf instant for its Stockholm date', () => {
    expect(dayOfAsOf('2012-04-30T23:59:59.999Z')).toBe('2012-04-30');
    expect(dayOfAsOf('2012-06-30T23:30:00.000Z')).toBe('2012-07-01');
    expect(dayOfAsOf('2012-06-30T12:00:00.000Z')).toBe('2012-06-30');
  });
});
