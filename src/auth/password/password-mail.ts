import type { OutgoingMail } from '../../kernel/mail/mailer';
import { escapeHtml } from '../../kernel/html';

export type LinkPurpose = 'welcome' | 'reset';

export interface LinkMailInput {
  purpose: LinkPurpose;
  to: string;
  name: string;
  language: 'sv' | 'en';
  url: string;
  expiresAt: Date;
  /** A stable id of this mail (the token's row id), so a file mailer writes one file per link. */
  id: string;
}

const WORDS = {
  sv: {
    locale: 'sv-SE',
    appName: 'Uppföljning',
    greeting: (name: string) => `Hej ${name}!`,
    welcome: {
      subject: 'Välj ditt lösenord till Uppföljning',
      lead: (email: string) =>
        `Du har fått ett konto i Uppföljning, Stockholms stads uppföljning av rekommendationer till nämnden. Du loggar in med ${email}.`,
      action: 'Välj ditt lösenord här:',
      after: 'Sedan loggar du in med din e-postadress och lösenordet.',
    },
    reset: {
      subject: 'Välj ett nytt lösenord till Uppföljning',
      lead: (email: string) => `Någon, förhoppningsvis du, har bett om att få välja ett nytt lösenord för ${email} i Uppföljning.`,
      action: 'Välj ett nytt lösenord här:',
      after: 'Om det inte var du kan du bortse från brevet: ditt lösenord är oförändrat.',
    },
    validity: (until: string) => `Länken fungerar en gång och gäller till ${until}.`,
    rule: 'Lösenordet ska ha minst 12 tecken och får inte vara ett vanligt lösenord. Välj gärna flera ord i följd.',
  },
  en: {
    locale: 'en-GB',
    appName: 'Follow-up',
    greeting: (name: string) => `Hello ${name},`,
    welcome: {
      subject: 'Choose your password for Follow-up',
      lead: (email: string) =>
        `You have been given an account in Follow-up, the City of Stockholm’s follow-up of recommendations to the committee. You sign in with ${email}.`,
      action: 'Choose your password here:',
      after: 'Then sign in with your email address and the password.',
    },
    reset: {
      subject: 'Choose a new password for Follow-up',
      lead: (email: string) => `Someone, hopefully you, asked to choose a new password for ${email} in Follow-up.`,
      action: 'Choose a new password here:',
      after: 'If it was not you, you can ignore this mail: your password has not changed.',
    },
    validity: (until: string) => `The link works once and is valid until ${until}.`,
    rule: 'The password must have at least 12 characters and must not be a common password. Several words in a row make a good one.',
  },
};


/** When the link ends, in Stockholm's time, where the staff are. */
const until = (at: Date, locale: string) =>
  new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Stockholm',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);

/** A new user's welcome or a forgotten password's link, in the recipient's language, as plain text and HTML saying the same. */
export function passwordLinkMail(input: LinkMailInput): OutgoingMail {
  const w = WORDS[input.language];
  const kind = w[input.purpose];
  const paragraphs = [w.greeting(input.name), kind.lead(input.to), kind.action];
  const closing = [w.validity(until(input.expiresAt, w.locale)), w.rule, kind.after, `– ${w.appName}`];
  const text = `${[...paragraphs, input.url, ...closing].join('\n\n')}\n`;
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html lang="${input.language}"><body>`,
    ...paragraphs.map(p),
    `<p><a href="${escapeHtml(input.url)}">${escapeHtml(input.url)}</a></p>`,
    ...closing.map(p),
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject: kind.subject, text, html, id: `password-${input.purpose}-${input.id}` };
}
