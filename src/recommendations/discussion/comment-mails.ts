import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../../kernel/actor';
import { CommandRunner, writeContext } from '../../event-store/command-runner';
import { Database } from '../../event-store/database';
import type { Sql } from '../../event-store/sql';
import { Clock } from '../../kernel/clock';
import type { Mailer } from '../../kernel/mail/mailer';
import { recommendationAggregate } from '../change-recommendation.handler';
import { commentMail, type CommentMailFacts } from './comment-mail';

export const DISCUSSION_MAILER = Symbol('DISCUSSION_MAILER');

/** What a row holds: the mail's facts but the address the links start with, which is the sending instance's. */
export type CommentMailRow = Omit<CommentMailFacts, 'baseUrl'> & { commentId: string; recipient: string };

interface DueRow {
  id: string;
  recommendation_id: string;
  action_id: string;
  recipient: string;
  facts: string;
  attempts: number | string;
}

/** Tries in all, and the wait after each failed one (the first try is at once). */
export const MAX_ATTEMPTS = 4;
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000];
/** How long a claimed row is left to its sender: one that crashed mid-send is taken up again after this. */
const CLAIM_MS = 5 * 60_000;
const SWEEP_MS = 30_000;

const mailId = (commentId: string, recipient: string) => `comment-${commentId}-${recipient}`;

/**
 * A comment's mails, kept in the database until sent: the rows are written
 * with the comment's event (`owe`), sent once it is committed (`sendSoon`),
 * and swept at start and every half minute for any left unsent by a crash
 * or waiting to be retried. Each send first claims its row, so two instances
 * never both send it; a failure is tried again with a growing wait, and after
 * the last attempt recorded in the recommendation's history
 * (ReminderRecorded, kind comment, outcome failed) as well as on the row.
 */
@Injectable()
export class CommentMails implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CommentMails');
  private readonly pending = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    @Inject(DISCUSSION_MAILER) private readonly mailer: Mailer,
    @Inject('PUBLIC_BASE_URL') private readonly baseUrl: string,
  ) {}

  /** The rows for these mails, inside the caller's transaction (the one appending the comment); their ids. */
  async owe(tx: Sql, recommendationId: string, mails: CommentMailRow[]): Promise<string[]> {
    const now = this.clock.nowIso();
    for (const m of mails) {
      const { commentId, recipient, ...facts } = m;
      await tx.query(
        'INSERT INTO comment_mails (id, recommendation_id, action_id, comment_id, recipient, facts, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
        [mailId(commentId, recipient), recommendationId, m.actionId, commentId, recipient, JSON.stringify(facts), now],
      );
    }
    return mails.map((m) => mailId(m.commentId, m.recipient));
  }

  /** Sends these rows now, after the answer; whatever fails here the sweep takes up. */
  sendSoon(ids: string[]): void {
    if (ids.length > 0) this.inBackground(() => this.sendDue(ids));
  }

  /** Sends every row that is due; resolves with how many were tried. Tests call it after moving the clock on. */
  async sweepNow(): Promise<number> {
    const rows = await this.db.query<{ id: string }>('SELECT id FROM comment_mails WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 200', [
      this.clock.nowIso(),
    ]);
    await this.sendDue(rows.map((r) => r.id));
    return rows.length;
  }

  onApplicationBootstrap(): void {
    const sweep = () => this.inBackground(async () => void (await this.sweepNow()));
    sweep();
    this.timer = setInterval(sweep, SWEEP_MS);
    this.timer.unref();
  }

  /** Sends under way finish before the database closes; no new ones start. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.pending]);
  }

  private inBackground(work: () => Promise<void>): void {
    if (this.stopped) return;
    const done: Promise<void> = work()
      .catch((error: unknown) => this.logger.error({ msg: 'comment mails not sent; the sweep tries again', err: error }))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  private async sendDue(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (this.stopped) return;
      const row = await this.claim(id);
      if (row) await this.send(row);
    }
  }

  /** The row if this instance may send it now: due, neither sent nor given up, and not claimed by another. */
  private async claim(id: string): Promise<DueRow | null> {
    const now = this.clock.now();
    const rows = await this.db.write((tx) =>
      tx.query<DueRow>(
        'UPDATE comment_mails SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? RETURNING id, recommendation_id, action_id, recipient, facts, attempts',
        [new Date(now.getTime() + CLAIM_MS).toISOString(), id, now.toISOString()],
      ),
    );
    return rows[0] ?? null;
  }

  private async send(row: DueRow): Promise<void> {
    const facts = { ...(JSON.parse(row.facts) as Omit<CommentMailFacts, 'baseUrl'>), baseUrl: this.baseUrl };
    try {
      const language = await this.language(row.recipient);
      await this.mailer.send({ to: row.recipient, id: row.id, ...commentMail(facts, language) });
      await this.db.write((tx) => tx.query('UPDATE comment_mails SET sent_at = ?, last_error = NULL WHERE id = ?', [this.clock.nowIso(), row.id]));
    } catch (error) {
      const attempts = Number(row.attempts);
      const detail = error instanceof Error ? error.message.slice(0, 400) : String(error).slice(0, 400);
      this.logger.error({ msg: 'comment mail failed', to: row.recipient, mail: row.id, attempt: attempts, err: error });
      if (attempts < MAX_ATTEMPTS) {
        const next = new Date(this.clock.now().getTime() + BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)]).toISOString();
        await this.db.write((tx) => tx.query('UPDATE comment_mails SET next_attempt_at = ?, last_error = ? WHERE id = ?', [next, detail, row.id]));
        return;
      }
      // Given up: the row and the history say so together.
      await this.db.write(async (tx) => {
        await tx.query('UPDATE comment_mails SET failed_at = ?, last_error = ? WHERE id = ?', [this.clock.nowIso(), detail, row.id]);
        await this.runner.runIn(
          tx,
          recommendationAggregate,
          row.recommendation_id,
          {
            type: 'RecordReminderOutcome',
            reminderId: row.id,
            kind: 'comment',
            actionId: row.action_id,
            milestoneKey: null,
            recipient: row.recipient,
            outcome: 'failed',
            detail: `${detail} (${attempts} attempts)`,
          },
          writeContext(SYSTEM_ACTOR),
        );
      });
    }
  }

  private async language(email: string): Promise<'sv' | 'en'> {
    const rows = await this.db.query<{ language: string }>('SELECT language FROM users WHERE LOWER(email) = ?', [email.toLowerCase()]);
    return rows[0]?.language === 'en' ? 'en' : 'sv';
  }
}
