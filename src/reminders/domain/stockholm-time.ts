/**
 * Calendar arithmetic in the administration's time zone. Reminders go out at a
 * local hour on a local day, so "08:00 on 2 April" must become a UTC instant
 * that honours daylight saving time (Sweden switches on the last Sunday of March
 * and October). Node ships the tz database with its ICU data, so Intl does the
 * zone lookup and no date library is needed.
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
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
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

/** The Stockholm calendar date (YYYY-MM-DD) an instant falls on. */
export function stockholmDate(instant: string): string {
  const ms = Date.parse(instant);
  return new Date(ms + offsetMinutes(ms) * 60000).toISOString().slice(0, 10);
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
