/** No-break space: keeps "1 000" and "40 %" on one line in every format. */
export const NBSP = '\u00a0';

/**
 * A whole number with the language's thousands separator: "12 345" / "12,345". Written by hand
 * rather than with `Intl`, whose output follows the ICU data the Node binary ships with (sv-SE
 * changed its group separator between CLDR versions): a report must come out byte for byte the
 * same on every machine, and the web's counts read the same as the reports'.
 */
export function formatInteger(value: number, language: 'sv' | 'en'): string {
  if (!Number.isInteger(value)) throw new Error(`Not an integer: ${value}`);
  const digits = String(Math.abs(value));
  const separator = language === 'sv' ? NBSP : ',';
  let grouped = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += separator;
    grouped += digits[i];
  }
  // sv-SE writes a minus sign (U+2212), en-GB a hyphen-minus.
  const minus = language === 'sv' ? '\u2212' : '-';
  return value < 0 ? minus + grouped : grouped;
}
