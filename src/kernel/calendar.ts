/**
 * The one definition of the dates and instants the system accepts, shared by
 * the request DTOs, `asOf`, the web forms and the domain.
 *
 * `Date.parse` alone will not do: it rolls 2012-02-30 over into March and
 * takes years up to 275760, and the calendar arithmetic downstream (reminder
 * planning, reports) is written for four-digit years; a dueDate of 9999-12-31
 * turned into "+010000-01-01" one day later and failed there. So the written
 * fields are checked against the calendar, and the years kept to a range a
 * follow-up can sensibly mean.
 */

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2200;
export const RANGE_TEXT = `between ${EARLIEST_YEAR}-01-01 and ${LATEST_YEAR}-12-31`;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Date, hours and minutes, optional seconds and fraction, and a zone: an instant without one would mean the server's local time. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;

export type CalendarCheck = 'ok' | 'malformed' | 'out_of_range';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function checkDate(year: number, month: number, day: number): CalendarCheck {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return 'malformed';
  return year < EARLIEST_YEAR || year > LATEST_YEAR ? 'out_of_range' : 'ok';
}

/** A calendar date `YYYY-MM-DD` that exists, in the accepted years. */
export function checkDay(value: unknown): CalendarCheck {
  const m = typeof value === 'string' ? DAY.exec(value) : null;
  return m ? checkDate(Number(m[1]), Number(m[2]), Number(m[3])) : 'malformed';
}

/** An ISO-8601 instant with a zone (`Z` or an offset), whose written date and time exist, in the accepted years. */
export function checkInstant(value: unknown): CalendarCheck {
  const m = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!m) return 'malformed';
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const [offsetHours, offsetMinutes] = [Number(m[7] ?? 0), Number(m[8] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return 'malformed';
  return checkDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Either of the two, as `asOf` and the audit filters take them. */
export const checkDayOrInstant = (value: unknown): CalendarCheck =>
  typeof value === 'string' && DAY.test(value) ? checkDay(value) : checkInstant(value);

export const isDay = (value: unknown): value is string => checkDay(value) === 'ok';
export const isInstant = (value: unknown): value is string => checkInstant(value) === 'ok';
export const isDayOrInstant = (value: unknown): value is string => checkDayOrInstant(value) === 'ok';

/** What is wrong with a field, in the API's words, or null when nothing is. */
export function calendarProblem(field: string, check: CalendarCheck, expected: 'day' | 'instant' | 'dayOrInstant'): string | null {
  if (check === 'ok') return null;
  if (check === 'out_of_range') return `${field} must be ${RANGE_TEXT}`;
  return {
    day: `${field} must be a date in the form YYYY-MM-DD that exists, such as 2012-04-30`,
    instant: `${field} must be an ISO-8601 instant with a zone, such as 2012-04-30T10:00:00.000Z`,
    dayOrInstant: `${field} must be a date such as 2012-04-30 or an ISO-8601 instant with a zone such as 2012-04-30T10:00:00.000Z`,
  }[expected];
}
