import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import type { AppConfig } from '../kernel/config';
import { conflict, invalid, notFound } from '../kernel/domain-error';
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

/** A failure the server may not repeat: an SMTP 4xx, a connection that failed (MailDeliveryError says which). */
const isTemporary = (error: unknown): boolean => error instanceof MailDeliveryError && !error.permanent;

/** How a user's latest password-link mail went: being sent, waiting for its next try after a temporary failure, sent, or given up. */
export type PasswordMailStatus = 'sending' | 'retrying' | 'sent' | 'failed';

/** A user's latest password-link mail, as their page shows it to those who read users. */
export interface PasswordMailView {
  purpose: LinkPurpose;
  requestedAt: string;
  status: PasswordMailStatus;
  attempts: number;
  /** When it was sent, given up, or (retrying) is tried next. */
  sentAt: string | null;
  failedAt: string | null;
  nextAttemptAt: string | null;
  /** What the mail server (or the app) said at the last failure. */
  problem: string | null;
}

interface MailRow {
  id: string;
  user_id: string;
  purpose: LinkPurpose;
  requested_at: string;
  attempts: number | string;
  next_attempt_at: string;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
}

/** The user's latest password-link mail, or null when none was asked for. */
export async function passwordMailOf(sql: Pick<Sql, 'query'>, userId: string): Promise<PasswordMailView | null> {
  const [row] = await sql.query<MailRow>('SELECT * FROM password_mails WHERE user_id = ?', [userId]);
  if (!row) return null;
  const attempts = Number(row.attempts);
  const status: PasswordMailStatus = row.sent_at ? 'sent' : row.failed_at ? 'failed' : row.last_error ? 'retrying' : 'sending';
  return {
    purpose: row.purpose,
    requestedAt: row.requested_at,
    status,
    attempts,
    sentAt: row.sent_at ?? null,
    failedAt: row.failed_at ?? null,
    nextAttemptAt: status === 'retrying' ? row.next_attempt_at : null,
    problem: row.sent_at ? null : (row.last_error ?? null),
  };
}

/** How long a claimed mail is left to its sender: one whose process died mid-send is taken up again after this. */
const CLAIM_MS = 5 * 60_000;
/** A timer may fire a little before the wall clock reaches the try it waits for. */
const TIMER_SLACK_MS = 20;

/**
 * Single-use links to set a password: a new user's welcome (mailed when an
 * admin creates them, printed by `npm run admin -- create-admin`) and a
 * forgotten password's reset. The link carries a random token; the table
 * keeps only its SHA-256, so a copy of the database opens nothing. A new link
 * for a user ends their older unused ones, and setting a password ends every
 * unused one. Times are the wall clock's, as for the sessions: the app clock
 * may be set to 2012 by a demo.
 *
 * The mail a user is owed is a row of `password_mails` until it is sent or
 * given up: a temporary failure (an SMTP 4xx, a server that does not answer)
 * is tried again after each of `retryAfterMs`, by a timer of this process or,
 * after a restart, by the sweep of any instance; each try claims the row
 * first, so no two instances send it. The token is never stored, so each try
 * makes a new link, which ends the undelivered one before it. The row is what
 * the user's page shows an admin ("sent", "tried again at …", "could not be
 * sent: 550 …").
 */
@Injectable()
export class PasswordLinks implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('PasswordLinks');
  /** Mails being sent after their request was answered; shutdown waits for them. */
  private readonly pending = new Set<Promise<void>>();
  /** This process's timers for the next tries, and its sweep; cleared at shutdown (the rows stay for the next start). */
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** The waits before each next try after a temporary failure; tries in all are one more. Tests shorten them. */
  retryAfterMs = [30_000, 2 * 60_000, 10 * 60_000];
  /** How often every instance looks for mails due that no timer of its own holds (a restart, another instance's death). */
  sweepEveryMs = 60_000;

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
   * Mails a user a new link to choose their password: a new user's welcome
   * ("Du har fått ett konto i Uppföljning…"), or a reset an admin sends. Tried
   * once while the caller waits; how it went is returned and kept for the
   * user's page, and a temporary failure goes on being tried.
   */
  async sendLink(userId: string, purpose: LinkPurpose): Promise<PasswordMailView> {
    await this.attempt(await this.owe(userId, purpose));
    return (await this.mailOf(userId))!;
  }

  /**
   * An admin sends a user a new link (one whose mail failed, or who lost it): a welcome while the user
   * has no password, else a reset. 404 for no such user; 409 for a deactivated one, whom a link could
   * not let in. How the first try went, as the user's page shows it.
   */
  async sendNewLink(userId: string): Promise<PasswordMailView> {
    const [user] = await this.db.query<{ deactivated_at: string | null; password_hash: string | null }>(
      'SELECT u.deactivated_at, c.password_hash FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id WHERE u.id = ?',
      [userId],
    );
    if (!user) throw notFound(`User ${userId} not found`);
    if (user.deactivated_at !== null) throw conflict('The user is deactivated: a link would not let them in; reactivate them first');
    return this.sendLink(userId, user.password_hash ? 'reset' : 'welcome');
  }

  /** How the user's latest password-link mail went, or null when none was asked for. */
  mailOf(userId: string): Promise<PasswordMailView | null> {
    return passwordMailOf(this.db, userId);
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
      await this.attempt(await this.owe(user.id, 'reset'));
    });
  }

  /** Tries every mail that is due and no other try holds; resolves with how many were due. Tests call it too. */
  async sweepNow(): Promise<number> {
    const rows = await this.db.query<{ id: string }>(
      'SELECT id FROM password_mails WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 100',
      [new Date().toISOString()],
    );
    for (const { id } of rows) {
      if (this.stopped) break;
      await this.attempt(id);
    }
    return rows.length;
  }

  onApplicationBootstrap(): void {
    const sweep = () => this.inBackground(async () => void (await this.sweepNow()));
    sweep();
    const timer = setInterval(sweep, this.sweepEveryMs);
    timer.unref();
    this.timers.add(timer);
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

  /** Mails being sent finish before the database closes; those waiting for their next try stay in the table, for the next start's sweep. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
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

  /** The row of the mail the user is now owed, replacing any earlier one (whose link the new one ends anyway). */
  private async owe(userId: string, purpose: LinkPurpose): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.db.write(async (tx) => {
      await tx.query('DELETE FROM password_mails WHERE user_id = ?', [userId]);
      await tx.query('INSERT INTO password_mails (id, user_id, purpose, requested_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, 0, ?)', [
        id,
        userId,
        purpose,
        now,
        now,
      ]);
    });
    return id;
  }

  /** The row, if this instance may try it now: due, neither sent nor given up, not claimed by another, and still the user's latest. */
  private async claim(id: string): Promise<MailRow | null> {
    const now = Date.now();
    const [row] = await this.db.write((tx) =>
      tx.query<MailRow>(
        'UPDATE password_mails SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? RETURNING *',
        [new Date(now + CLAIM_MS).toISOString(), id, new Date(now).toISOString()],
      ),
    );
    return row ?? null;
  }

  /** One try of mail `id`: a new link, mailed; the row then says how it went. Nothing happens when the mail was not this process's to try. */
  private async attempt(id: string): Promise<void> {
    const row = await this.claim(id);
    if (!row) return;
    const attempts = Number(row.attempts);
    const [user] = await this.db.query<{ email: string; name: string; language: 'sv' | 'en'; deactivated_at: string | null }>(
      'SELECT email, name, language, deactivated_at FROM users WHERE id = ?',
      [row.user_id],
    );
    if (!user || user.deactivated_at !== null) {
      return this.end(row, 'failed', 'the account was deactivated before the link could be mailed');
    }
    try {
      const link = await this.newLink(row.user_id, row.purpose);
      await this.mailer.send(passwordLinkMail({ purpose: row.purpose, to: user.email, name: user.name, language: user.language, ...link }));
    } catch (error) {
      const problem = (error instanceof Error ? error.message : String(error)).slice(0, 400);
      const wait = this.retryAfterMs[attempts - 1];
      if (isTemporary(error) && wait !== undefined) {
        this.logger.warn({ msg: `password ${row.purpose} link not mailed yet; trying again`, to: user.email, attempt: attempts, err: error });
        await this.db.write((tx) =>
          tx.query('UPDATE password_mails SET next_attempt_at = ?, last_error = ? WHERE id = ?', [new Date(Date.now() + wait).toISOString(), problem, id]),
        );
        this.later(id, wait);
        return;
      }
      // Loud: the user waits for a mail that is not coming; their page tells an admin, the log an operator.
      this.logger.error({ msg: `password ${row.purpose} link could not be mailed`, to: user.email, attempts, err: error });
      return this.end(row, 'failed', problem);
    }
    this.logger.log({ msg: `password ${row.purpose} link mailed`, to: user.email });
    return this.end(row, 'sent', null);
  }

  private async end(row: MailRow, status: 'sent' | 'failed', problem: string | null): Promise<void> {
    const column = status === 'sent' ? 'sent_at' : 'failed_at';
    await this.db.write((tx) => tx.query(`UPDATE password_mails SET ${column} = ?, last_error = ? WHERE id = ?`, [new Date().toISOString(), problem, row.id]));
  }

  /** The next try of mail `id` from this process, after `ms`; the sweep is the fallback if the process is gone by then. */
  private later(id: string, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.inBackground(() => this.attempt(id));
    }, ms + TIMER_SLACK_MS);
    timer.unref();
    this.timers.add(timer);
  }

  private inBackground(work: () => Promise<void>): void {
    if (this.stopped) return;
    const done = work()
      // A mail's failures are kept on its row; what lands here is the database, and the row's claim runs out for the sweep.
      .catch((error: unknown) => this.logger.error({ msg: 'password link mail could not be tried; the sweep tries again', err: error }))
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
