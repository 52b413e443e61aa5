import type { Clock } from '../clock';
import type { AppConfig } from '../config';
import { FileMailer } from './file-mailer';
import type { Mailer } from './mailer';
import { SmtpMailer } from './smtp-mailer';

/** SMTP when SMTP_URL is set; otherwise .eml files under MAIL_DIR, so a machine without a mail server still shows what went out. */
export function createMailer(config: AppConfig, clock: Clock): Mailer {
  const now = () => clock.now();
  return config.smtpUrl
    ? new SmtpMailer({ url: config.smtpUrl, from: config.mailFrom, now })
    : new FileMailer({ directory: config.mailDir, from: config.mailFrom, now });
}

/** Closes an SMTP mailer's transport at shutdown; a file mailer holds nothing open. */
export function closeMailer(mailer: Mailer): void {
  if (mailer instanceof SmtpMailer) mailer.close();
}
