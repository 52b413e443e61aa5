import { calendarProblem, checkDayOrInstant, isDay } from './calendar';
import { invalid } from './domain-error';

/**
 * `asOf` is an instant, or a date meaning the end of that day (UTC). Returns
 * the instant, or null when none was given. Anything else, an impossible
 * date or one outside 1900–2200 is refused naming the field.
 */
export function parseAsOf(value: string | undefined | null, field = 'asOf'): string | null {
  if (value === undefined || value === null || value === '') return null;
  const problem = calendarProblem(field, checkDayOrInstant(value), 'dayOrInstant');
  if (problem) throw invalid(problem, [{ field, message: problem.slice(field.length + 1) }]);
  return isDay(value) ? `${value}T23:59:59.999Z` : new Date(value).toISOString();
}

/** The start of a day, or an instant as it is: what a `from` filter means. */
export function parseFrom(value: string | undefined | null, field = 'from'): string | null {
  const instant = parseAsOf(value, field);
  return instant && isDay(value) ? `${value}T00:00:00.000Z` : instant;
}
