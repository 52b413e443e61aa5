
/**
 * The words of the reports page (the reports themselves speak
 * domain/report-labels.ts), Swedish first. The English words are typed by the Swedish
 * ones, so a word missing in English is a compile error, not a blank on the
 * page. The web shell puts every capability's words together as one `t`
 * (src/web/i18n.ts), so templates and controllers read them as `t.reports.*`.
 */
const sv = {
  reports: {
    title: 'Rapporter',
    intro: 'Uppföljningsrapporter till nämnden. Varje rapport sparas med sin kontrollsumma och numret på den senaste händelsen den bygger på, så att den går att ta fram igen.',
    caption: (n: number) => (n === 1 ? '1 rapport' : `${n} rapporter`),
    none: 'Inga rapporter ännu.',
    milestone: 'Rapporttillfälle',
    milestoneOption: (name: string, key: string, cycle: string) => `${name} (${key}) – ${cycle}`,
    asOf: 'Läget den',
    endOfDay: (date: string) => `slutet av ${date}`,
    language: 'Språk',
    format: 'Format',
    position: 'Händelse nr',
    sha256: 'Kontrollsumma (SHA-256, början)',
    created: 'Skapad',
    file: 'Fil',
    download: (file: string) => `Ladda ner ${file}`,
    isNew: 'Ny',
    newReport: 'Din nya rapport',
    make: 'Gör en rapport',
    makeSubmit: 'Gör rapporten',
    review: 'Granskning',
    allReviews: 'Alla granskningar',
    asOfHint: 'Lämna tomt för läget vid periodens slut, eller i dag om perioden pågår. Datum i formen ÅÅÅÅ-MM-DD.',
    languages: { sv: 'Svenska', en: 'Engelska' } satisfies Record<'sv' | 'en', string>,
    formats: { html: 'HTML (webbsida)', pdf: 'PDF', docx: 'Word (docx)', csv: 'CSV (kalkylblad)', json: 'JSON (data)' },
    jobTitle: 'Rapporten görs',
    jobIntro: 'Loggen är stor, så rapporten görs i bakgrunden. Sidan uppdateras av sig själv; du kan också lämna den och hämta rapporten i listan senare.',
    jobProgress: 'Hur långt arbetet har kommit',
    jobStatus: { queued: 'Väntar på sin tur', running: 'Görs nu', done: 'Klar', failed: 'Misslyckades' },
    jobFailed: (reason: string) => `Rapporten kunde inte göras: ${reason}. Ingenting sparades; försök igen eller kontakta förvaltaren.`,
    backToReports: 'Till rapporterna',
    jobRefresh: 'Uppdatera',
  },

  notices: {
    reportGenerated: 'Rapporten är klar.',
  },
};

const en: typeof sv = {
  reports: {
    title: 'Reports',
    intro: 'Follow-up reports to the committee. Each report is kept with its hash and the number of the latest event it is based on, so that it can be made again.',
    caption: (n: number) => (n === 1 ? '1 report' : `${n} reports`),
    none: 'No reports yet.',
    milestone: 'Milestone',
    milestoneOption: (name: string, key: string, cycle: string) => `${name} (${key}) – ${cycle}`,
    asOf: 'As of',
    endOfDay: (date: string) => `end of ${date}`,
    language: 'Language',
    format: 'Format',
    position: 'Event no.',
    sha256: 'Hash (SHA-256, start)',
    created: 'Created',
    file: 'File',
    download: (file: string) => `Download ${file}`,
    isNew: 'New',
    newReport: 'Your new report',
    make: 'Make a report',
    makeSubmit: 'Make the report',
    review: 'Review',
    allReviews: 'All reviews',
    asOfHint: 'Leave empty for how things stood at the end of the period, or today if the period is under way. A date in the form YYYY-MM-DD.',
    languages: { sv: 'Swedish', en: 'English' },
    formats: { html: 'HTML (web page)', pdf: 'PDF', docx: 'Word (docx)', csv: 'CSV (spreadsheet)', json: 'JSON (data)' },
    jobTitle: 'The report is being made',
    jobIntro: 'The log is large, so the report is made in the background. This page refreshes itself; you may also leave it and fetch the report from the list later.',
    jobProgress: 'How far the work has come',
    jobStatus: { queued: 'Waiting for its turn', running: 'Being made', done: 'Done', failed: 'Failed' },
    jobFailed: (reason: string) => `The report could not be made: ${reason}. Nothing was stored; try again or contact the administrator.`,
    backToReports: 'Back to the reports',
    jobRefresh: 'Refresh',
  },

  notices: {
    reportGenerated: 'The report is ready.',
  },
};

export const REPORTS_PAGE_WORDS = { sv, en };
