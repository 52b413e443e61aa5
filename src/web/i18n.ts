import type { Role } from '../kernel/actor';
import { AUDIT_WORDS } from './words/audit.words';
import { AUTH_WORDS } from './words/auth.words';
import { PASSWORD_WORDS } from './words/passwords.words';
import { PUBLIC_WORDS } from './words/public.words';
import { RECOMMENDATION_WORDS } from './words/recommendation.words';
import { REMINDER_PAGE_WORDS } from './words/reminder-pages.words';
import { REPORTS_PAGE_WORDS } from './words/reports.words';
import { REVIEW_WORDS } from './words/review.words';
import { SSO_WORDS } from './words/sso.words';
import { UNIT_WORDS } from './words/units.words';
import { USER_WORDS } from './words/users.words';
import { CORRECTION_WORDS } from './words/corrections.words';
import { SPREADSHEET_WORDS } from './words/spreadsheets.words';
import { SEARCH_WORDS } from './words/search.words';
import { DISCUSSION_WORDS } from './words/discussion.words';

export type Language = 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['sv', 'en'];
export const DEFAULT_LANGUAGE: Language = 'sv';

/**
 * The shell's own words: the layout, the menu, what every form and error
 * page says. Swedish first; the English words are typed by the Swedish ones,
 * so a word missing in English is a compile error, not a blank on the page.
 * Each capability keeps its pages' words beside its pages, typed the same way
 * (`<capability>.words.ts`); mails speak reminders/mail/reminder-mail.ts and
 * the reports reports/domain/report-labels.ts.
 */
const sv = {
  locale: 'sv-SE',

  appName: 'Uppföljning',

  organisation: 'Stockholms stad',

  tagline: 'Uppföljning av rekommendationer till nämnden',

  skipLink: 'Hoppa till innehållet',

  mainNav: 'Huvudmeny',

  menuButton: 'Meny',

  nav: {
    recommendations: 'Rekommendationer',
    myActions: 'Mina åtgärder',
    reviews: 'Granskningar',
    notReported: 'Ej rapporterat',
    reports: 'Rapporter',
    auditLog: 'Händelselogg',
    publicPage: 'Öppen redovisning',
  },

  signedInAs: 'Inloggad som',

  signOut: 'Logga ut',

  switchLanguage: 'In English',

  switchLanguageLang: 'en' as Language,

  footer: 'Uppföljning – varje ändring sparas som en händelse som går att granska i efterhand.',

  forms: {
    required: 'obligatoriskt',
    optional: 'frivilligt',
    dateHint: 'Datum i formen ÅÅÅÅ-MM-DD.',
    save: 'Spara',
    errorSummary: 'Formuläret innehåller fel',
    choose: 'Välj …',
  },

  notices: {
    signedOut: 'Du är utloggad.',
    languageChanged: 'Språket är ändrat.',
  },

  errors: {
    title: 'Något gick fel',
    titleNotFound: 'Finns inte',
    titleForbidden: 'Ingen behörighet',
    required: 'Fyll i det här fältet.',
    tooLong: 'Texten är för lång.',
    date: 'Ange ett datum i formen ÅÅÅÅ-MM-DD.',
    dateRange: 'Ange ett datum mellan 1900 och 2200.',
    notBeforeToday: 'Datumet kan inte ligga före i dag.',
    email: 'Ange en giltig e-postadress.',
    percent: 'Ange ett heltal från 0 till 100.',
    url: 'Ange en länk som börjar med http:// eller https://.',
    choice: 'Välj ett av alternativen.',
    unit: 'Ange en enhetskod med små bokstäver, t.ex. sfi eller utredning.',
    code: 'Ange en kod med bokstäver och siffror, t.ex. R6.',
    owner: 'Ansvarig måste vara en aktiv användare i den ansvariga enheten.',
    unknownUnit: 'Det finns ingen aktiv enhet med den koden.',
    invalid: 'Kontrollera värdet.',
    invalidForm: 'Rätta felen nedan och skicka igen.',
    forbidden: 'Du har inte behörighet att göra det här.',
    conflict: 'Det går inte att göra det här i rekommendationens nuvarande läge.',
    notFound: 'Sidan eller uppgiften finns inte.',
    stale: 'Någon annan hann ändra uppgiften. Ladda om sidan och försök igen.',
    formSentBefore: 'Formuläret hade redan skickats en gång, med andra uppgifter (efter Tillbaka i webbläsaren?). Inget nytt sparades. Det du skrev står kvar: kontrollera det och skicka igen.',
    staleForm: 'Någon annan ändrade uppgiften medan du skrev. Sidan visar nu det som gäller och det du skrev står kvar i formuläret: kontrollera och spara igen.',
    csrf: 'Formuläret hade gått ut. Ladda om sidan och försök igen.',
    badRequest: 'Förfrågan innehöll felaktiga uppgifter.',
    tooMany: 'För många förfrågningar. Vänta en stund och försök igen.',
    server: 'Ett fel uppstod hos oss. Felet är loggat.',
    unavailable: 'Det gick inte att slutföra just nu. Förklaringen står nedan, och felet är loggat.',
    detail: 'Systemets förklaring (på engelska)',
    reference: 'Ange den här koden om du kontaktar supporten',
    home: 'Till startsidan',
  },

  roles: {
    officer: 'handläggare',
    unit_head: 'avdelningschef',
    secretary: 'nämndsekreterare',
    auditor: 'revisor',
    admin: 'administratör',
  } satisfies Record<Role, string>,

  system: 'systemet',
};

const en: typeof sv = {
  locale: 'en-GB',

  appName: 'Follow-up',

  organisation: 'City of Stockholm',

  tagline: 'Follow-up of recommendations to the committee',

  skipLink: 'Skip to content',

  mainNav: 'Main menu',

  menuButton: 'Menu',

  nav: {
    recommendations: 'Recommendations',
    myActions: 'My actions',
    reviews: 'Reviews',
    notReported: 'Not reported',
    reports: 'Reports',
    auditLog: 'Event log',
    publicPage: 'Public progress',
  },

  signedInAs: 'Signed in as',

  signOut: 'Sign out',

  switchLanguage: 'På svenska',

  switchLanguageLang: 'sv',

  footer: 'Follow-up – every change is kept as an event that can be audited afterwards.',

  forms: {
    required: 'required',
    optional: 'optional',
    dateHint: 'A date in the form YYYY-MM-DD.',
    save: 'Save',
    errorSummary: 'The form has errors',
    choose: 'Choose …',
  },

  notices: {
    signedOut: 'You are signed out.',
    languageChanged: 'The language has been changed.',
  },

  errors: {
    title: 'Something went wrong',
    titleNotFound: 'Not found',
    titleForbidden: 'Not allowed',
    required: 'Fill in this field.',
    tooLong: 'The text is too long.',
    date: 'Enter a date in the form YYYY-MM-DD.',
    dateRange: 'Enter a date between 1900 and 2200.',
    notBeforeToday: 'The date cannot be before today.',
    email: 'Enter a valid email address.',
    percent: 'Enter a whole number from 0 to 100.',
    url: 'Enter a link starting with http:// or https://.',
    choice: 'Choose one of the options.',
    unit: 'Enter a unit code in lower case, e.g. sfi or utredning.',
    code: 'Enter a code of letters and digits, e.g. R6.',
    owner: 'The owner must be an active user of the responsible unit.',
    unknownUnit: 'There is no active unit with this code.',
    invalid: 'Check this value.',
    invalidForm: 'Correct the errors below and send again.',
    forbidden: 'You are not allowed to do this.',
    conflict: 'This cannot be done in the recommendation’s current state.',
    notFound: 'The page or item does not exist.',
    stale: 'Someone else changed this first. Reload the page and try again.',
    formSentBefore: 'This form had already been sent once, with other details (after the browser’s Back?). Nothing new was saved. What you wrote is still here: check it and send it again.',
    staleForm: 'Someone else changed this while you were writing. The page now shows what holds, and what you wrote is still in the form: check it and save again.',
    csrf: 'The form had expired. Reload the page and try again.',
    badRequest: 'The request contained invalid data.',
    tooMany: 'Too many requests. Wait a moment and try again.',
    server: 'An error occurred on our side. It has been logged.',
    unavailable: 'This could not be completed right now. The explanation is below, and the error has been logged.',
    detail: 'The system’s explanation',
    reference: 'Quote this code if you contact support',
    home: 'To the start page',
  },

  roles: { officer: 'officer', unit_head: 'unit head', secretary: 'committee secretary', auditor: 'auditor', admin: 'administrator' },

  system: 'the system',
};

const SHELL_WORDS = { sv, en };

/**
 * Every word of the web pages in one language, as one `t`: the shell's words
 * and each capability's sections (`t.reviews.*`, `t.list.*`, …). A form's
 * words and the notices after a write come from several capabilities and are
 * put together into `t.forms` and `t.notices`.
 */
function wordsIn(lang: Language) {
  const shell = SHELL_WORDS[lang];
  const recommendations = RECOMMENDATION_WORDS[lang];
  const reviews = REVIEW_WORDS[lang];
  const reports = REPORTS_PAGE_WORDS[lang];
  return {
    ...shell,
    ...AUTH_WORDS[lang],
    ...PASSWORD_WORDS[lang],
    ...recommendations,
    ...reviews,
    ...REMINDER_PAGE_WORDS[lang],
    ...reports,
    ...AUDIT_WORDS[lang],
    ...PUBLIC_WORDS[lang],
    ...SSO_WORDS[lang],
    ...UNIT_WORDS[lang],
    ...USER_WORDS[lang],
    ...CORRECTION_WORDS[lang],
    ...SPREADSHEET_WORDS[lang],
    ...SEARCH_WORDS[lang],
    ...DISCUSSION_WORDS[lang],
    forms: { ...shell.forms, ...recommendations.forms },
    notices: { ...shell.notices, ...recommendations.notices, ...reviews.notices, ...reports.notices, ...PASSWORD_WORDS[lang].passwordNotices, ...UNIT_WORDS[lang].notices, ...USER_WORDS[lang].notices, ...PUBLIC_WORDS[lang].publicationNotices, ...CORRECTION_WORDS[lang].correctionNotices, ...DISCUSSION_WORDS[lang].discussionNotices },
  };
}

export type Dictionary = ReturnType<typeof wordsIn>;

const DICTIONARIES: Record<Language, Dictionary> = { sv: wordsIn('sv'), en: wordsIn('en') };

export const dictionary = (lang: Language): Dictionary => DICTIONARIES[lang];

export const roleName = (t: Dictionary, role: string): string => (t.roles as Record<string, string>)[role] ?? role;

/**
 * A formatter per language, made once: making an Intl.DateTimeFormat costs some 80 µs, formatting
 * with one about 1 µs. Made at every call, the dates of a recommendation's 5,300 events took a third
 * of the process's CPU for 0.4 s a page view (profiled on the 2-core machine).
 */
const formatterPerLanguage = (options: Intl.DateTimeFormatOptions) => {
  const made = new Map<Language, Intl.DateTimeFormat>();
  return (lang: Language): Intl.DateTimeFormat => {
    let formatter = made.get(lang);
    if (!formatter) made.set(lang, (formatter = new Intl.DateTimeFormat(dictionary(lang).locale, options)));
    return formatter;
  };
};

const dayFormat = formatterPerLanguage({ timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const instantFormat = formatterPerLanguage({ timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** `2012-04-30` → "30 april 2012" / "30 April 2012". */
export function formatDay(day: string, lang: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return dayFormat(lang).format(new Date(`${day}T00:00:00Z`));
}

/** An instant in Stockholm's local time, where the committee and the staff are. */
export function formatInstant(instant: string, lang: Language): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return instantFormat(lang).format(date);
}
