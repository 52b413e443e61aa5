import { invalid } from './domain-error';

/**
 * `asOf` is an instant, or a date meaning the end of that day (UTC). Returns
 * the instant, or null when none was given.
 */
export function parseAsOf(value: string | undefined | null): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const end = `${value}T23:59:59.999Z`;
    if (!Number.isNaN(Date.parse(end)) && new Date(end).toISOString() === end) return end;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  throw invalid('asOf must be an ISO-8601 instant or a date (YYYY-MM-DD)', [
    { field: 'asOf', message: 'must be an ISO-8601 instant such as 2012-04-30T10:00:00.000Z or a date such as 2012-04-30' },
  ]);
}
