import { absoluteUrl, paths } from '../../kernel/paths';

/** What a comment's mail says: where, who, what. */
export interface CommentMailFacts {
  baseUrl: string;
  recommendationId: string;
  code: string;
  actionId: string;
  actionTitle: string;
  author: string;
  text: string;
}

const WORDS = {
  sv: {
    subject: (code: string, title: string) => `Ny kommentar på ${code}: ${title}`,
    wrote: (author: string, title: string) => `${author} skrev om åtgärden "${title}":`,
    open: 'Svara eller läs hela tråden:',
    why: 'Du får det här brevet eftersom du äger åtgärden eller har skrivit i dess tråd i Uppföljning.',
  },
  en: {
    subject: (code: string, title: string) => `New comment on ${code}: ${title}`,
    wrote: (author: string, title: string) => `${author} wrote about the action "${title}":`,
    open: 'Reply or read the whole thread:',
    why: 'You receive this mail because you own the action or have written in its thread in Follow-up.',
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The mail to the others in a thread, as text and as HTML saying the same, in the reader's language. */
export function commentMail(f: CommentMailFacts, language: 'sv' | 'en'): { subject: string; text: string; html: string } {
  const w = WORDS[language];
  const url = absoluteUrl(f.baseUrl, paths.recommendation(f.recommendationId, { actionId: f.actionId }));
  const text = [w.wrote(f.author, f.actionTitle), '', f.text, '', w.open, url, '', w.why, ''].join('\n');
  const html =
    `<p>${escapeHtml(w.wrote(f.author, f.actionTitle))}</p>` +
    `<blockquote style="white-space:pre-wrap">${escapeHtml(f.text)}</blockquote>` +
    `<p>${escapeHtml(w.open)} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` +
    `<p style="color:#555">${escapeHtml(w.why)}</p>`;
  return { subject: w.subject(f.code, f.actionTitle), text, html };
}
