/**
 * Dates and numbers as the report's language writes them (sv-SE, en-GB).
 *
 * Written by hand rather than with `Intl`: a report must come out byte for byte
 * the same on every machine and in every later year, and `Intl` output follows
 * the ICU/CLDR data the Node binary ships with (sv-SE changed its group
 * separator and time format between CLDR versions). The rules needed here are
 * few and stable. Every instant is shown in UTC, the same day boundary the
 * domain uses for "overdue" and for "as of a date".
 */
import { formatInteger, NBSP } from '../../kernel/format-integer';

export type ReportLanguage = 'sv' | 'en';

export const LOCALES: Readonly<Record<ReportLanguage, 'sv-SE' | 'en-GB'>> = { sv: 'sv-SE', en: 'en-GB' };

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD`: sv-SE writes it as it is, en-GB as "30 April 2012". */
export function formatDate(date: string, language: ReportLanguage): string {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  if (language === 'sv') return date;
  const [, year, month, day] = match;
  return `${Number(day)} ${EN_MONTHS[Number(month) - 1]} ${year}`;
}

/** The UTC calendar date an instant falls on. */
export function utcDateOf(instant: string): string {
  return toIso(instant).slice(0, 10);
}

/** An instant to the minute, in UTC and saying so. */
export function formatInstant(instant: string, language: ReportLanguage): string {
  const iso = toIso(instant);
  const date = formatDate(iso.slice(0, 10), language);
  const time = iso.slice(11, 16);
  return language === 'sv' ? `${date} ${time} UTC` : `${date}, ${time} UTC`;
}

/** A whole percentage: "40 %" in Swedish, "40%" in English. */
export function formatPercent(value: number, language: ReportLanguage): string {
  const number = formatInteger(Math.round(value), language);
  return language === 'sv' ? `${number}${NBSP}%` : `${number}%`;
}

/** Days between two `YYYY-MM-DD` dates, counted in UTC so no daylight-saving hour interferes. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function toIso(instant: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) throw new Error(`Not an instant: ${instant}`);
  return new Date(time).toISOString();
}
