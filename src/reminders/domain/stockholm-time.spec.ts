import { addDays, daysBetween, stockholmDate, stockholmInstant } from './stockholm-time';

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
});
