import type { SendMailOptions } from 'nodemailer';
import type { OutgoingMail } from './mailer';

/** The domain part of the sender address, for Message-IDs; `localhost` if it has none. */
function senderDomain(from: string): string {
  const match = /@([^\s<>@]+)>?\s*$/.exec(from);
  return match ? match[1] : 'localhost';
}

/**
 * The nodemailer message both adapters send. The Date header comes from the
 * application clock when one is given, so a demo living in 2012 writes mail
 * dated 2012 like the rest of its history.
 */
export function toNodemailerMessage(
  mail: OutgoingMail,
  from: string,
  options: { messageKey?: string; now?: () => Date },
): SendMailOptions {
  const key = mail.id ?? options.messageKey;
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(key ? { messageId: `<${key}@${senderDomain(from)}>` } : {}),
    ...(options.now ? { date: options.now() } : {}),
  };
}
