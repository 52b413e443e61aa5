/** One mail to one person: a reminder or a password link is always addressed to a single recipient. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * A stable id of what is being sent, such as the reminder id. A retry of the
   * same mail then carries the same Message-ID (so receivers can spot the
   * duplicate) and the file adapter writes the same file.
   */
  id?: string;
}

export interface SentMail {
  messageId: string;
}

/** The port mails are sent through (reminders, password links); bound to the SMTP or the file adapter by configuration (mailer-from-config.ts). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
}

/**
 * A mail that was not delivered. `permanent` tells the queue what to do: a
 * temporary failure (server down, timeout, 4xx) is retried with backoff, a
 * permanent one (5xx, a broken configuration) is recorded as failed at once,
 * because sending the same mail again would get the same answer.
 * `unknownOutcome`: the server went quiet in the middle of the conversation,
 * maybe after the whole mail was handed over, so whether it went out is not
 * known; a sender that must not send twice (the reminders) gives up instead of
 * trying again.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  readonly permanent: boolean;
  readonly code: string | null;
  readonly responseCode: number | null;
  readonly unknownOutcome: boolean;

  constructor(
    message: string,
    details: { permanent: boolean; code?: string | null; responseCode?: number | null; cause?: unknown; unknownOutcome?: boolean },
  ) {
    super(message, { cause: details.cause });
    this.permanent = details.permanent;
    this.code = details.code ?? null;
    this.responseCode = details.responseCode ?? null;
    this.unknownOutcome = details.unknownOutcome ?? false;
  }
}
