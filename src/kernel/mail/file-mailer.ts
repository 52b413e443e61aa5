import { createHash } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirectory } from '../make-directory';
import { createTransport, type StreamSentMessageInfo, type Transporter } from 'nodemailer';
import { MailDeliveryError, type Mailer, type OutgoingMail, type SentMail } from './mailer';
import { toNodemailerMessage } from './nodemailer-message';

export interface FileMailerConfig {
  /** Where the `.eml` files go; relative paths are from the working directory. */
  directory?: string;
  from: string;
  now?: () => Date;
}

export const DEFAULT_MAIL_DIRECTORY = 'var/mail';

/** Lower-case letters, digits, dots and dashes only (å, ä, ö lose their marks), so the name is safe on any file system. */
const safe = (s: string, max: number) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, max) || 'x';

/** Errors that retrying will not cure: the directory cannot be written to at all. */
const PERMANENT_FS_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR']);

/**
 * Writes each mail as an RFC 822 `.eml` file instead of sending it, so a
 * machine without a mail server still shows what would have gone out (open
 * the file in any mail client). The file name is derived from the recipient
 * and the mail's id (or, without one, its content): sending the same mail
 * again, as a retry does, rewrites the same file rather than adding another.
 */
export class FileMailer implements Mailer {
  readonly directory: string;
  private readonly transport: Transporter<StreamSentMessageInfo>;

  constructor(private readonly config: FileMailerConfig) {
    this.directory = config.directory ?? DEFAULT_MAIL_DIRECTORY;
    this.transport = createTransport({ streamTransport: true, buffer: true });
  }

  /** The file a mail is written to. */
  fileNameFor(mail: OutgoingMail): string {
    return `${safe(mail.to, 80)}_${safe(this.keyOf(mail), 80)}.eml`;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transport.sendMail(
      toNodemailerMessage(mail, this.config.from, { messageKey: this.keyOf(mail), now: this.config.now }),
    );
    const path = join(this.directory, this.fileNameFor(mail));
    // written aside and renamed, so a reader never sees half a mail
    const partial = `${path}.${process.pid}.partial`;
    try {
      await makeDirectory(this.directory);
      await writeFile(partial, info.message as Buffer);
      await rename(partial, path);
    } catch (error) {
      // best effort: the write error below is what matters, not a leftover partial file
      await rm(partial, { force: true }).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code ?? null;
      throw new MailDeliveryError(`Could not write ${path}: ${(error as Error).message}`, {
        permanent: code !== null && PERMANENT_FS_CODES.has(code),
        code,
        cause: error,
      });
    }
    return { messageId: info.messageId };
  }

  private keyOf(mail: OutgoingMail): string {
    if (mail.id) return mail.id;
    return createHash('sha256')
      .update(JSON.stringify([mail.to, mail.subject, mail.text, mail.html]))
      .digest('hex')
      .slice(0, 32);
  }
}
