import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import type { AppConfig } from '../kernel/config';
import { invalid } from '../kernel/domain-error';
import { MailDeliveryError, type Mailer } from '../kernel/mail/mailer';
import { closeMailer } from '../kernel/mail/mailer-from-config';
import { absoluteUrl, paths } from '../kernel/paths';
import { passwordLinkMail, type LinkPurpose } from './password/password-mail';
import { passwordProblem } from './password-policy';
import type { Users } from './users';
import { normalEmail } from '../kernel/email-address';

export type { LinkPurpose } from './password/password-mail';

/**
 * How long a link works. The issue wants a forgotten password's link to end
 * within an hour; a new user's welcome may sit in the inbox over a weekend,
 * and whoever loses it asks for a reset link (an hour) or a new welcome.
 */
export const LINK_VALIDITY_MS: Record<LinkPurpose, number> = { reset: 60 * 60 * 1000, welcome: 7 * 24 * 3600 * 1000 };

export const TOKEN_INVALID = 'The link is unknown, has expired or has already been used; ask for a new one';

const tokenIdOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

interface LinkRow {
  user_id: string;
  expires_at: string;
  used_at: string | null;
  email: string | null;
  deactivated_at: string | null;
}

/** Whose link it is, when it still works. */
export interface LinkHolder {
  userId: string;
  email: string;
}

/** Ends every unused password link of the user: one was used, or the user was deactivated (a link must not outlive that, to work again after a reactivation). */
export async function endPasswordLinksOf(tx: Sql, userId: string, at: string): Promise<void> {
  await tx.query('UPDATE password_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL', [at, userId]);
}

type LinkMail = Parameters<typeof passwordLinkMail>[0];

/** A failure the server may not repeat: an SMTP 4xx, a connection that failed (MailDeliveryError says which). */
const isTemporary = (error: unknown): boolean => error instanceof MailDeliveryError && !error.permanent;

/** Resolves true after `ms`, or false as soon as `signal` is aborted. */
const pause = (ms: number, signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve(false)), { once: true });
  });

/**
 * Single-use links to set a password: a new user's welcome (mailed when an
 * admin creates them, printed by `npm run admin -- create-admin`) and a
 * forgotten password's reset. The link carries a random token; the table
 * keeps only its SHA-256, so a copy of the database opens nothing. A new link
 * for a user ends their older unused ones, and setting a password ends every
 * unused one. Times are the wall clock's, as for the sessions: the app clock
 * may be set to 2012 by a demo.
 */
@Injectable()
export class PasswordLinks implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('PasswordLinks');
  /** Mails being sent after their request was answered; shutdown waits for them. */
  private readonly pending = new Set<Promise<void>>();
  /**
   * The waits before each next try after a temporary failure (an SMTP 4xx, a server that does not answer):
   * a greylisting server or a short outage no longer loses the mail. Tests shorten them.
   */
  retryAfterMs = [30_000, 2 * 60_000, 10 * 60_000];
  /** Aborted at shutdown: a mail still waiting for its next try is then given up, loudly. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: Database,
    private readonly users: Users,
    private readonly config: AppConfig,
    private readonly mailer: Mailer,
  ) {}

  /** A new link for the user (their older unused ones stop working): the address of the page that sets the password. */
  async issue(userId: string, purpose: LinkPurpose): Promise<string> {
    return (await this.newLink(userId, purpose)).url;
  }

  /**
   * Mails a new user the link to choose their password ("Du har fått ett konto i Uppföljning…"). A mail
   * refused for good is thrown, after it is logged; one that failed for now is tried again in the background.
   */
  async sendWelcome(user: { id: string; email: string; name: string; language: 'sv' | 'en' }): Promise<void> {
    const link = await this.newLink(user.id, 'welcome');
    await this.send({ purpose: 'welcome', to: user.email, name: user.name, language: user.language, ...link });
  }

  /**
   * Someone forgot the password of `email`. Returns at once, before anything
   * is looked up, so the answer and its time are the same whether the address
   * has an account or not; an active user's link is mailed afterwards.
   */
  requestReset(email: string): void {
    const account = normalEmail(email);
    this.inBackground(async () => {
      const user = await this.users.findByEmail(account);
      if (!user || user.deactivatedAt !== null) {
        this.logger.log({ msg: 'password reset asked for an address without an active account; nothing sent' });
        return;
      }
      const link = await this.newLink(user.id, 'reset');
      await this.send({ purpose: 'reset', to: user.email, name: user.name, language: user.language, ...link });
    });
  }

  /** Whose link this is, or null when it no longer works (unknown, expired, used, or its user deactivated). For the page before the form. */
  async holder(token: string): Promise<LinkHolder | null> {
    const row = await this.find(this.db, token);
    return row && this.works(row, new Date().toISOString()) ? { userId: row.user_id, email: row.email! } : null;
  }

  /**
   * Sets the password through the link, once: 400 naming `password` when the
   * policy refuses it, `token` when the link does not work. The link is
   * claimed before the password is written (Users.changePassword, which ends
   * every session of the user, has its own transaction), so two uses at once
   * cannot both succeed; a password that then fails to be written gives the
   * link back.
   */
  async use(token: string, password: string, language: 'sv' | 'en' = 'en'): Promise<LinkHolder> {
    const problem = passwordProblem(password, language);
    if (problem) throw invalid(problem, [{ field: 'password', message: problem }]);
    const at = new Date().toISOString();
    const id = tokenIdOf(token);
    const holder = await this.db.write(async (tx) => {
      const row = await this.find(tx, token);
      if (!row || !this.works(row, at)) return null;
      // Every unused link of the user ends with this one: the password they were for is chosen.
      await endPasswordLinksOf(tx, row.user_id, at);
      return { userId: row.user_id, email: row.email! };
    });
    if (!holder) throw invalid(TOKEN_INVALID, [{ field: 'token', message: TOKEN_INVALID }]);
    let changed: boolean;
    try {
      changed = await this.users.changePassword(holder.userId, password);
    } catch (error) {
      await this.db.write((tx) => tx.query('UPDATE password_tokens SET used_at = NULL WHERE id = ?', [id]));
      throw error;
    }
    if (!changed) throw invalid(TOKEN_INVALID, [{ field: 'token', message: TOKEN_INVALID }]);
    return holder;
  }

  /** Mails still being sent finish before the database closes; those waiting to be tried again are given up. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.pending]);
  }

  onApplicationShutdown(): void {
    closeMailer(this.mailer);
  }

  private async newLink(userId: string, purpose: LinkPurpose): Promise<{ url: string; expiresAt: Date; id: string }> {
    const token = randomBytes(32).toString('base64url');
    const id = tokenIdOf(token);
    const created = new Date();
    const expiresAt = new Date(created.getTime() + LINK_VALIDITY_MS[purpose]);
    await this.db.write(async (tx) => {
      // The older unused links go, and with them long-expired rows of anyone: the table keeps only what may still matter.
      await tx.query('DELETE FROM password_tokens WHERE (user_id = ? AND used_at IS NULL) OR expires_at < ?', [
        userId,
        new Date(created.getTime() - 30 * 24 * 3600 * 1000).toISOString(),
      ]);
      await tx.query('INSERT INTO password_tokens (id, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
        id,
        userId,
        purpose,
        created.toISOString(),
        expiresAt.toISOString(),
      ]);
    });
    return { url: absoluteUrl(this.config.publicBaseUrl, paths.choosePassword(token)), expiresAt, id };
  }

  /** Sends the mail; a temporary failure goes on in the background (retry), a lasting one is logged and thrown. */
  private async send(mail: LinkMail): Promise<void> {
    try {
      await this.sendOnce(mail);
    } catch (error) {
      if (!isTemporary(error)) throw this.givenUp(mail, error, 1);
      this.logger.warn({ msg: `password ${mail.purpose} link not mailed yet; trying again`, to: mail.to, err: error });
      this.inBackground(() => this.retry(mail));
    }
  }

  private async retry(mail: LinkMail): Promise<void> {
    let attempts = 1;
    let last: unknown = null;
    for (const wait of this.retryAfterMs) {
      if (!(await pause(wait, this.stopping.signal))) {
        last = new MailDeliveryError('the app stopped before the mail could be tried again', { permanent: false });
        break;
      }
      attempts++;
      try {
        await this.sendOnce(mail);
        return;
      } catch (error) {
        last = error;
        if (!isTemporary(error)) break;
      }
    }
    throw this.givenUp(mail, last, attempts);
  }

  private async sendOnce(mail: LinkMail): Promise<void> {
    await this.mailer.send(passwordLinkMail(mail));
    this.logger.log({ msg: `password ${mail.purpose} link mailed`, to: mail.to });
  }

  /** Loud: the user waits for a mail that is not coming, and only the log tells an operator why. */
  private givenUp(mail: LinkMail, error: unknown, attempts: number): unknown {
    this.logger.error({ msg: `password ${mail.purpose} link could not be mailed`, to: mail.to, attempts, err: error });
    return error;
  }

  private inBackground(work: () => Promise<void>): void {
    const done = work()
      .catch((error: unknown) => {
        // send() and retry() have logged a mail failure already; anything else (the database) is logged here.
        if (!(error instanceof Error && error.name === 'MailDeliveryError')) {
          this.logger.error({ msg: 'password reset link could not be made', err: error });
        }
      })
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  private async find(sql: { query: Database['query'] }, token: string): Promise<LinkRow | undefined> {
    const [row] = await sql.query<LinkRow>(
      `SELECT t.user_id, t.expires_at, t.used_at, u.email, u.deactivated_at
         FROM password_tokens t LEFT JOIN users u ON u.id = t.user_id
        WHERE t.id = ?`,
      [tokenIdOf(token)],
    );
    return row;
  }

  private works(row: LinkRow, at: string): boolean {
    return row.used_at === null && row.expires_at > at && row.email !== null && row.deactivated_at === null;
  }
}
