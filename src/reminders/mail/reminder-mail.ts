import { escapeHtml } from '../../kernel/html';
import { absoluteUrl, paths } from '../../kernel/paths';
import type { Reminder, SummaryItem } from '../domain/reminder-plan';
import { MAIL_WORDS } from './reminder-mail.words';

/**
 * The reminder mails, in Swedish (the default) and English, their words from
 * reminder-mail.words.ts. Pure:
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
  action: { title: string; dueDate: string; ownerEmail?: string; claimed?: boolean };
  /** The milestone reminded of; for an overdue notice, the next report, if any. */
  milestone: { name: string; dueDate: string } | null;
  language?: MailLanguage;
  baseUrl: string;
}

/** The mail for a `milestone_due` or `action_overdue` reminder. */
export function reminderMail(input: ReminderMailInput): RenderedMail {
  const { reminder, recommendation: rec, action, milestone } = input;
  const language = input.language ?? 'sv';
  const w = MAIL_WORDS[language];
  const date = (d: string) => formatDate(d, language);
  if (!reminder.recommendationId || !reminder.actionId) {
    throw new Error(`A ${reminder.kind} reminder mail needs a recommendation and an action`);
  }
  const link = actionLink(input.baseUrl, reminder.recommendationId, reminder.actionId);
  const recommendationRow: [string, string] = [w.recommendation, `${rec.code} ${rec.title}`];
  const actionRow: [string, string] = [w.action, action.title];
  const dueRow: [string, string] = [w.dueDate, date(action.dueDate)];

  switch (reminder.kind) {
    case 'milestone_due': {
      if (!milestone) throw new Error('A milestone_due reminder mail needs its milestone');
      const words = w.milestoneDue;
      const reportRow: [string, string] = [words.report, words.reportValue(milestone.name, date(milestone.dueDate))];
      // A claimed action's reminder goes to the head who must approve it: it asks for the approval, not for a report.
      const claimed = action.claimed === true;
      const ownerRows: Array<[string, string]> = claimed && action.ownerEmail ? [[w.owner, action.ownerEmail]] : [];
      return render({
        language,
        subject: claimed ? words.claimedSubject(milestone.name, action.title) : words.subject(milestone.name, action.title),
        greeting: w.greeting,
        blocks: [
          { type: 'paragraph', text: claimed ? words.claimedText(milestone.name, date(milestone.dueDate)) : words.text(milestone.name, date(milestone.dueDate)) },
          { type: 'facts', rows: [recommendationRow, actionRow, ...ownerRows, dueRow, reportRow] },
          { type: 'link', label: claimed ? w.actionOverdue.link : words.link, url: link },
        ],
        footer: claimed ? words.claimedFooter : words.footer,
      });
    }
    case 'action_overdue': {
      const words = w.actionOverdue;
      const ownerRows: Array<[string, string]> = action.ownerEmail ? [[w.owner, action.ownerEmail]] : [];
      const nextReportRows: Array<[string, string]> = milestone ? [[words.nextReport, words.nextReportValue(milestone.name, date(milestone.dueDate))]] : [];
      const asHead = !!action.ownerEmail && action.ownerEmail.toLowerCase() !== reminder.recipient.toLowerCase();
      const headNote: Block[] = asHead ? [{ type: 'paragraph', text: words.asHead }] : [];
      return render({
        language,
        subject: words.subject(action.title, rec.code, date(action.dueDate)),
        greeting: w.greeting,
        blocks: [
          // A claimed action is no longer open: the head is asked to approve it, not to finish it.
          { type: 'paragraph', text: action.claimed ? words.claimed(date(action.dueDate)) : words.text(date(action.dueDate)) },
          ...headNote,
          { type: 'facts', rows: [recommendationRow, actionRow, ...ownerRows, dueRow, ...nextReportRows] },
          { type: 'link', label: words.link, url: link },
        ],
        footer: words.footer,
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
  return items.map((i) => `${i.code} ${i.recommendationTitle} – ${i.actionTitle} (${i.ownerEmail}, ${MAIL_WORDS[language].due} ${formatDate(i.dueDate, language)})`);
}

export interface SecretarySummaryMailInput {
  milestone: { name: string; dueDate: string };
  /** One line per overdue action. */
  overdue: string[];
  /** One line per action with no progress reported in the period. */
  notReported: string[];
  /** One line per action claimed as completed and waiting for approval. */
  awaitingApproval: string[];
  language?: MailLanguage;
  baseUrl: string;
}

/** The secretaries' summary before a milestone: what is overdue, who has not reported, and what waits for approval. */
export function secretarySummaryMail(input: SecretarySummaryMailInput): RenderedMail {
  const { milestone, overdue, notReported, awaitingApproval } = input;
  const language = input.language ?? 'sv';
  const w = MAIL_WORDS[language];
  const words = w.summary;
  const due = formatDate(milestone.dueDate, language);
  return render({
    language,
    subject: words.subject(milestone.name, overdue.length, notReported.length),
    greeting: w.greeting,
    blocks: [
      { type: 'paragraph', text: words.text(milestone.name, due) },
      { type: 'list', heading: words.overdue, items: overdue, empty: words.noneOverdue },
      { type: 'list', heading: words.notReported, items: notReported, empty: words.noneNotReported },
      { type: 'list', heading: words.awaitingApproval, items: awaitingApproval, empty: words.noneAwaitingApproval },
      {
        type: 'link',
        label: words.link,
        // The page that shows the same lists, kept up to date (NotReportedQuery uses the same rule).
        url: absoluteUrl(input.baseUrl, paths.notReported()),
      },
    ],
    footer: words.footer,
  });
}
