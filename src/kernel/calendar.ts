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

const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2200;
const RANGE_TEXT = `between ${EARLIEST_YEAR}-01-01 and ${LATEST_YEAR}-12-31`;

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

/*
 * The administration's calendar. "Today" is the date in Stockholm everywhere
 * (overdue actions in the API, the UI and the reports, and the reminders),
 * and reminders go out at a local hour on a local day, so "08:00 on 2 April"
 * must become a UTC instant that honours daylight saving time (Sweden switches
 * on the last Sunday of March and October). Node ships the tz database with
 * its ICU data, so Intl does the zone lookup and no date library is needed.
 */
export const TIME_ZONE = 'Europe/Stockholm';

const DAY_MS = 24 * 60 * 60 * 1000;

const localParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function wallClock(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(localParts.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const HOUR_MS = 60 * 60 * 1000;
/** Offsets by UTC hour: Stockholm changes offset only on a whole UTC hour, and formatToParts is slow. */
const offsetByHour = new Map<number, number>();

/** Minutes the Stockholm wall clock is ahead of UTC at the given instant (60 or 120). */
function offsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const at = hour * HOUR_MS;
    const w = wallClock(at);
    offset = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - at) / 60000);
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

function parseDate(date: string): [number, number, number] {
  const m = DAY.exec(date);
  if (!m) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * The UTC instant (ISO) of a Stockholm wall-clock time on a date. The offset is
 * looked up twice because the first guess can straddle a DST switch; hours
 * inside the spring-forward gap (02:00–03:00) are not meaningful and are not
 * used by reminders.
 */
export function stockholmInstant(date: string, hour: number, minute = 0): string {
  const [y, mo, d] = parseDate(date);
  const wall = Date.UTC(y, mo - 1, d, hour, minute);
  const firstGuess = wall - offsetMinutes(wall) * 60000;
  return new Date(wall - offsetMinutes(firstGuess) * 60000).toISOString();
}

/** The Stockholm calendar date (YYYY-MM-DD) an instant falls on: what "today" is, or was then. */
export function stockholmDate(instant: string): string {
  const ms = Date.parse(instant);
  return new Date(ms + offsetMinutes(ms) * 60000).toISOString().slice(0, 10);
}

/**
 * The date an `asOf` instant stands for, to judge overdue against. A date
 * given as `asOf` arrives as the end of that day in UTC (…T23:59:59.999Z, as
 * the API defines it, see as-of.ts) and stands for the date it names, which in
 * Stockholm is already the next day; any other instant stands for its
 * Stockholm date, as "now" does.
 */
export function dayOfAsOf(instant: string): string {
  const endOfNamedDay = /^(\d{4}-\d{2}-\d{2})T23:59:59\.999Z$/.exec(instant);
  return endOfNamedDay ? endOfNamedDay[1] : stockholmDate(instant);
}

/** A calendar date plus (or minus) whole days; no time zone is involved. */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = parseDate(date);
  return new Date(Date.UTC(y, mo - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from one date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}
