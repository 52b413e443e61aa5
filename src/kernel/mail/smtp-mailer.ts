import { createTransport, type NodemailerError, type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import { MailDeliveryError, type Mailer, type OutgoingMail, type SentMail } from './mailer';
import { toNodemailerMessage } from './nodemailer-message';

export interface SmtpMailerConfig {
  /** e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@mail.example.org`; query options in it win over the defaults here. */
  url: string;
  from: string;
  /** How long to wait for the connection and the greeting, in ms. */
  timeoutMs?: number;
  /** How long the server may stay silent once the conversation is under way (the reply to the mail itself included), in ms. */
  replyTimeoutMs?: number;
  now?: () => Date;
}

/** Failures no retry can fix: the configuration or the message is wrong. */
const CONFIGURATION_CODES = new Set(['ECONFIG', 'EENVELOPE', 'ENOAUTH', 'EAUTH', 'EREQUIRETLS', 'EFILEACCESS', 'EURLACCESS']);

/**
 * Sorts a nodemailer failure into temporary or permanent. An SMTP reply code
 * decides when there is one (RFC 5321: 4yz transient, 5yz permanent; 503 "bad
 * sequence" is a session problem, not a verdict on the message, so it is
 * retried). Without one, a configuration error is permanent and anything
 * else (refused, timed out, dropped connections) is temporary:
 * the queue gives up after its last attempt and records the failure, whereas
 * a wrong "permanent" would drop a mail that could have gone out.
 */
export function classifySmtpFailure(error: unknown): MailDeliveryError {
  const e = (error ?? {}) as NodemailerError;
  const code = typeof e.code === 'string' ? e.code : null;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const detail = e.response ?? e.message ?? String(error);
  if (responseCode !== null) {
    const permanent = responseCode >= 500 && responseCode < 600 && responseCode !== 503;
    const during = e.command ? ` (${e.command})` : '';
    return new MailDeliveryError(`SMTP ${responseCode}${during}: ${detail}`, { permanent, code, responseCode, cause: error });
  }
  // nodemailer wraps socket errors as ESOCKET and keeps Node's own code (ECONNREFUSED, ...) here
  const reported = typeof e.originalCode === 'string' ? e.originalCode : code;
  const permanent = code !== null && CONFIGURATION_CODES.has(code);
  // Silence once connected and greeted (nodemailer's socket timeout): the reply awaited may be the one to the mail itself.
  const unknownOutcome = code === 'ETIMEDOUT' && (error as { timeoutType?: string }).timeoutType === 'SOCKET_TIMEOUT';
  const during = unknownOutcome ? ' (the server went silent mid-conversation; the mail may have been taken)' : '';
  return new MailDeliveryError(`SMTP ${reported ?? 'error'}: ${detail}${during}`, { permanent, code: reported, cause: error, unknownOutcome });
}

/** Sends through an SMTP server (`SMTP_URL`), one connection per mail. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter<SMTPSentMessageInfo>;

  constructor(private readonly config: SmtpMailerConfig) {
    const timeout = config.timeoutMs ?? 15_000;
    this.transport = createTransport({
      url: config.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      // A server may take its time over a mail it has been handed (RFC 5321 allows it ten minutes): a
      // minute, where 15 s gave up on a slow server that then delivered each reminder several times.
      socketTimeout: config.replyTimeoutMs ?? 60_000,
    });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    try {
      const info = await this.transport.sendMail(toNodemailerMessage(mail, this.config.from, { now: this.config.now }));
      return { messageId: info.messageId };
    } catch (error) {
      throw classifySmtpFailure(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}
