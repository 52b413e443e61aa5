/**
 * The words of the reminders' page (who has not reported before the next
 * milestone); the mails' own words are in mail/reminder-mail.ts, Swedish first. The English words are typed by the Swedish
 * ones, so a word missing in English is a compile error, not a blank on the
 * page. The web shell puts every capability's words together as one `t`
 * (src/web/i18n.ts), so templates and controllers read them as `t.notReported.*`.
 */
const sv = {
  notReported: {
    title: 'Ej rapporterat inför nästa rapporttillfälle',
    intro: 'Öppna åtgärder utan rapporterat framsteg under perioden, åtgärder som passerat sitt slutdatum och klarmarkerade åtgärder som väntar på godkännande.',
    milestone: (name: string, cycle: string) => `${name} – ${cycle}`,
    period: (from: string, to: string) => `Period ${from} – ${to}`,
    due: (date: string) => `Redovisas för nämnden ${date}`,
    missing: 'Har inte rapporterat under perioden',
    overdue: 'Försenade åtgärder',
    nobodyMissing: 'Alla öppna åtgärder har rapporterat under perioden.',
    nothingOverdue: 'Inga åtgärder är försenade.',
    awaitingApproval: 'Klarmarkerade, väntar på godkännande',
    nothingAwaitingApproval: 'Ingen åtgärd väntar på godkännande.',
    noMilestone: 'Det finns inget kommande rapporttillfälle.',
    owner: 'Ansvarig',
    makeReport: (name: string) => `Gör rapporten för ${name}`,
  },
};

const en: typeof sv = {
  notReported: {
    title: 'Not reported before the next milestone',
    intro: 'Open actions with no progress reported in the period, actions past their due date, and actions marked as completed that await approval.',
    milestone: (name: string, cycle: string) => `${name} – ${cycle}`,
    period: (from: string, to: string) => `Period ${from} – ${to}`,
    due: (date: string) => `Due to the committee on ${date}`,
    missing: 'Has not reported in the period',
    overdue: 'Overdue actions',
    nobodyMissing: 'Every open action has reported in the period.',
    nothingOverdue: 'No action is overdue.',
    awaitingApproval: 'Marked as completed, awaiting approval',
    nothingAwaitingApproval: 'No action is awaiting approval.',
    noMilestone: 'There is no upcoming milestone.',
    owner: 'Owner',
    makeReport: (name: string) => `Make the report for ${name}`,
  },
};

export const REMINDER_PAGE_WORDS = { sv, en };
