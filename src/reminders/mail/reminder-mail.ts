import { absoluteUrl, paths } from '../../kernel/paths';
import type { Reminder, SummaryItem } from '../domain/reminder-plan';

/**
 * The words of the reminder mails, in Swedish (the default) and English. Pure:
 * the caller looks up the recommendation, action, milestone and the
 * recipient's language. Each mail is first built as a few neutral blocks and
 * then rendered twice, as plain text and as HTML, so the two parts always say
 * the same thing and every value is escaped in exactly one place.
 */

export type MailLanguage = 'sv' | 'en';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A user's language setting as a mail language: English if it says so, otherwise Swedish. */
export const mailLanguage = (language: string | null | undefined): MailLanguage =>
  language?.toLowerCase().startsWith('en') ? 'en' : 'sv';

/** The action on its recommendation's page, where it can be reported on, rescheduled or completed. */
export const actionLink = (baseUrl: string, recommendationId: string, actionId: string) =>
  absoluteUrl(baseUrl, paths.recommendation(recommendationId, { actionId }));

const formatters: Record<MailLanguage, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** "15 maj 2012" / "15 May 2012": a calendar date, so no time zone may shift it. */
export const formatDate = (date: string, language: MailLanguage) =>
  formatters[language].format(new Date(`${date}T00:00:00.000Z`));

type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'facts'; rows: Array<[label: string, value: string]> }
  | { type: 'list'; heading: string; items: string[]; empty: string }
  | { type: 'link'; label: string; url: string };

interface Message {
  language: MailLanguage;
  subject: string;
  greeting: string;
  blocks: Block[];
  footer: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function textOf(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'list':
      return `${block.heading}:\n${block.items.length ? block.items.map((i) => `- ${i}`).join('\n') : block.empty}`;
    case 'link':
      return `${block.label}:\n${block.url}`;
    default: {
      const unknown: never = block;
      throw new Error(`Unknown mail block ${JSON.stringify(unknown)}`);
    }
  }
}

function htmlOf(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<table role="presentation" cellpadding="0" cellspacing="0">\n${block.rows
        .map(
          ([label, value]) =>
            `<tr><th align="left" valign="top" style="padding:0 1em 0.25em 0">${escapeHtml(label)}</th><td style="padding:0 0 0.25em 0">${escapeHtml(value)}</td></tr>`,
        )
        .join('\n')}\n</table>`;
    case 'list':
      return `<h2 style="font-size:1em">${escapeHtml(block.heading)}</h2>\n${
        block.items.length
          ? `<ul>\n${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`
          : `<p>${escapeHtml(block.empty)}</p>`
      }`;
    case 'link':
      return `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`;
    default: {
      const unknown: never = block;
      throw new Error(`Unknown mail block ${JSON.stringify(unknown)}`);
    }
  }
}

function render(message: Message): RenderedMail {
  const text = [message.greeting, ...message.blocks.map(textOf), message.footer].join('\n\n') + '\n';
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${message.language}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(message.subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.4">',
    `<p>${escapeHtml(message.greeting)}</p>`,
    ...message.blocks.map(htmlOf),
    `<p style="color:#555;font-size:0.9em">${escapeHtml(message.footer)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject: message.subject, text, html };
}

export interface ReminderMailInput {
  reminder: Pick<Reminder, 'kind' | 'recipient' | 'recommendationId' | 'actionId'>;
  recommendation: { code: string; title: string };
  /** With `ownerEmail`, an overdue notice names the owner, which matters to the unit head reading it. */
  action: { title: string; dueDate: string; ownerEmail?: string };
  /** The milestone reminded of; for an overdue notice, the next report, if any. */
  milestone: { name: string; dueDate: string } | null;
  language?: MailLanguage;
  baseUrl: string;
}

/** The mail for a `milestone_due` or `action_overdue` reminder. */
export function reminderMail(input: ReminderMailInput): RenderedMail {
  const { reminder, recommendation: rec, action, milestone } = input;
  const language = input.language ?? 'sv';
  const sv = language === 'sv';
  const date = (d: string) => formatDate(d, language);
  if (!reminder.recommendationId || !reminder.actionId) {
    throw new Error(`A ${reminder.kind} reminder mail needs a recommendation and an action`);
  }
  const link = actionLink(input.baseUrl, reminder.recommendationId, reminder.actionId);
  const recommendationRow: [string, string] = [sv ? 'Rekommendation' : 'Recommendation', `${rec.code} ${rec.title}`];
  const actionRow: [string, string] = [sv ? 'Åtgärd' : 'Action', action.title];
  const dueRow: [string, string] = [sv ? 'Slutdatum' : 'Due date', date(action.dueDate)];

  switch (reminder.kind) {
    case 'milestone_due': {
      if (!milestone) throw new Error('A milestone_due reminder mail needs its milestone');
      const reportRow: [string, string] = sv
        ? ['Rapport', `${milestone.name}, senast ${date(milestone.dueDate)}`]
        : ['Report', `${milestone.name}, due ${date(milestone.dueDate)}`];
      return render({
        language,
        subject: sv
          ? `Påminnelse inför ${milestone.name}: rapportera läget för ”${action.title}”`
          : `Reminder before ${milestone.name}: report progress on “${action.title}”`,
        greeting: sv ? 'Hej!' : 'Hello,',
        blocks: [
          {
            type: 'paragraph',
            text: sv
              ? `${milestone.name} ska lämnas till nämnden senast ${date(milestone.dueDate)}. Ingen lägesrapport har lämnats för åtgärden nedan under rapportperioden. Rapportera hur arbetet går, gärna med underlag.`
              : `${milestone.name} is due to the committee by ${date(milestone.dueDate)}. No progress has been reported on the action below during the reporting period. Please report how the work is going, with evidence where you have it.`,
          },
          { type: 'facts', rows: [recommendationRow, actionRow, dueRow, reportRow] },
          { type: 'link', label: sv ? 'Rapportera läget' : 'Report progress', url: link },
        ],
        footer: sv
          ? 'Det här är ett automatiskt meddelande från Uppföljning. Påminnelserna upphör när du har rapporterat läget för perioden.'
          : 'This is an automatic message from Uppföljning. The reminders stop once you have reported progress for the period.',
      });
    }
    case 'action_overdue': {
      const ownerRows: Array<[string, string]> = action.ownerEmail ? [[sv ? 'Ansvarig' : 'Owner', action.ownerEmail]] : [];
      const nextReportRows: Array<[string, string]> = milestone
        ? [[sv ? 'Nästa rapport' : 'Next report', `${milestone.name}, ${sv ? 'senast' : 'due'} ${date(milestone.dueDate)}`]]
        : [];
      const asHead = !!action.ownerEmail && action.ownerEmail.toLowerCase() !== reminder.recipient.toLowerCase();
      const headNote: Block[] = asHead
        ? [
            {
              type: 'paragraph',
              text: sv
                ? 'Du får det här meddelandet som chef för den ansvariga enheten.'
                : 'You receive this message as head of the responsible unit.',
            },
          ]
        : [];
      return render({
        language,
        subject: sv
          ? `Försenad åtgärd: ”${action.title}” (${rec.code}), slutdatum ${date(action.dueDate)}`
          : `Overdue action: “${action.title}” (${rec.code}), due ${date(action.dueDate)}`,
        greeting: sv ? 'Hej!' : 'Hello,',
        blocks: [
          {
            type: 'paragraph',
            text: sv
              ? `Åtgärden nedan skulle vara klar ${date(action.dueDate)} men är fortfarande öppen. Markera den som klar, rapportera läget eller begär ett nytt slutdatum med motivering.`
              : `The action below was due on ${date(action.dueDate)} and is still open. Mark it as completed, report progress, or ask for a new due date with a reason.`,
          },
          ...headNote,
          { type: 'facts', rows: [recommendationRow, actionRow, ...ownerRows, dueRow, ...nextReportRows] },
          { type: 'link', label: sv ? 'Öppna åtgärden' : 'Open the action', url: link },
        ],
        footer: sv
          ? 'Det här är ett automatiskt meddelande från Uppföljning. Det skickas varje vecka så länge åtgärden är försenad.'
          : 'This is an automatic message from Uppföljning. It is sent every week while the action is overdue.',
      });
    }
    case 'secretary_summary':
      throw new Error('A secretary summary is rendered by secretarySummaryMail');
    default: {
      const unknown: never = reminder.kind;
      throw new Error(`Unknown reminder kind ${String(unknown)}`);
    }
  }
}

/** One line per item of a milestone summary, for secretarySummaryMail. */
export function summaryLines(items: SummaryItem[], language: MailLanguage = 'sv'): string[] {
  return items.map(
    (i) =>
      `${i.code} ${i.recommendationTitle} – ${i.actionTitle} (${i.ownerEmail}, ${language === 'sv' ? 'slutdatum' : 'due'} ${formatDate(i.dueDate, language)})`,
  );
}

export interface SecretarySummaryMailInput {
  milestone: { name: string; dueDate: string };
  /** One line per overdue action. */
  overdue: string[];
  /** One line per action with no progress reported in the period. */
  notReported: string[];
  language?: MailLanguage;
  baseUrl: string;
}

/** The secretaries' summary before a milestone: what is overdue and who has not reported. */
export function secretarySummaryMail(input: SecretarySummaryMailInput): RenderedMail {
  const { milestone, overdue, notReported } = input;
  const language = input.language ?? 'sv';
  const sv = language === 'sv';
  const due = formatDate(milestone.dueDate, language);
  return render({
    language,
    subject: sv
      ? `Sammanställning inför ${milestone.name}: ${overdue.length} ${overdue.length === 1 ? 'försenad åtgärd' : 'försenade åtgärder'}, ${notReported.length} utan lägesrapport`
      : `Summary before ${milestone.name}: ${overdue.length} overdue ${overdue.length === 1 ? 'action' : 'actions'}, ${notReported.length} without a progress report`,
    greeting: sv ? 'Hej!' : 'Hello,',
    blocks: [
      {
        type: 'paragraph',
        text: sv
          ? `${milestone.name} ska lämnas till nämnden senast ${due}. Så här ser uppföljningen ut just nu.`
          : `${milestone.name} is due to the committee by ${due}. This is where the follow-up stands now.`,
      },
      {
        type: 'list',
        heading: sv ? 'Försenade åtgärder' : 'Overdue actions',
        items: overdue,
        empty: sv ? 'Inga åtgärder är försenade.' : 'No action is overdue.',
      },
      {
        type: 'list',
        heading: sv ? 'Åtgärder utan lägesrapport under perioden' : 'Actions with no progress reported in the period',
        items: notReported,
        empty: sv ? 'Alla öppna åtgärder har en lägesrapport för perioden.' : 'Every open action has progress reported for the period.',
      },
      {
        type: 'link',
        label: sv ? 'Öppna uppföljningen' : 'Open the follow-up',
        // The page that shows the same two lists, kept up to date (NotReportedQuery uses the same rule).
        url: absoluteUrl(input.baseUrl, paths.notReported()),
      },
    ],
    footer: sv
      ? 'Det här är ett automatiskt meddelande från Uppföljning.'
      : 'This is an automatic message from Uppföljning.',
  });
}
