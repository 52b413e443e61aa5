import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommandRunner, writeContext } from '../../event-store/command-runner';
import type { Database, Sql } from '../../event-store/database';
import { SYSTEM_ACTOR } from '../../kernel/actor';
import type { Clock } from '../../kernel/clock';
import { conflict } from '../../kernel/domain-error';
import { recommendationAggregate } from '../../recommendations/change-recommendation.handler';
import { checkReminder, milestoneOf, progressCountsFrom, type Reminder } from '../domain/reminder-plan';
import { MailDeliveryError, type Mailer, type OutgoingMail } from '../../kernel/mail/mailer';
import { readActiveRecommendations, readCycles, readLanguage, readPeople, readRecommendations } from '../reminder-state';
import { claimReminder, findReminder, finishReminder, releaseReminder, toReminder, type ReminderOutcome } from '../reminder-table';
import { claimDecision, CLAIM_LEASE_MS } from './claim-decision';
import { composeReminderMail } from './compose-reminder-mail';

/** What became of one delivery attempt; the queue worker maps it to BullMQ. */
export type DeliveryResult =
  | { type: 'recorded'; outcome: ReminderOutcome; detail: string | null; permanent: boolean }
  /** Nothing to do: unknown, already finished, or taken over by another worker. */
  | { type: 'nothing'; why: string }
  /** Not yet: too early by the application clock, or another worker holds the claim. */
  | { type: 'wait'; ms: number; why: string }
  /** A temporary failure; the claim was given back and the job should be retried. */
  | { type: 'retry'; error: MailDeliveryError };

type Claimed =
  | { type: 'unclaimed'; result: DeliveryResult }
  | { type: 'claimed'; reminder: Reminder; token: string; next: { send: OutgoingMail } | { record: ReminderOutcome; detail: string } };

/**
 * Delivers one reminder: claims it, re-checks it against the current state,
 * sends it, and records what happened as a `ReminderRecorded` event in the
 * recommendation's stream (a secretary summary belongs to no recommendation,
 * so only its row records it). The event updates the reminders row in the
 * same transaction (see ReminderPlanner), and the record is refused unless
 * this attempt still holds the claim, so two workers can never both record.
 */
export class ReminderDelivery {
  private readonly logger = new Logger('ReminderDelivery');

  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly baseUrl: string,
    private readonly leaseMs = CLAIM_LEASE_MS,
  ) {}

  async deliver(reminderId: string, options: { lastAttempt: boolean }): Promise<DeliveryResult> {
    const claimed = await this.db.write((tx) => this.claim(tx, reminderId));
    if (claimed.type === 'unclaimed') return claimed.result;
    const { reminder, token, next } = claimed;
    if ('record' in next) return this.record(reminder, token, next.record, next.detail, next.record === 'failed');
    try {
      const sent = await this.mailer.send(next.send);
      return await this.record(reminder, token, 'sent', sent.messageId, false);
    } catch (error) {
      if (!(error instanceof MailDeliveryError)) throw error;
      // Sent again, it might arrive twice: given up, as a claim whose sender stopped mid-send is (claimDecision).
      if (error.unknownOutcome) {
        this.logger.warn(`Reminder ${reminder.id} to ${reminder.recipient}: outcome unknown, not sent again: ${error.message}`);
        return this.record(reminder, token, 'failed', `${error.message}; whether that mail went out is unknown, so it is not sent again`, true);
      }
      if (error.permanent || options.lastAttempt) {
        this.logger.warn(`Reminder ${reminder.id} to ${reminder.recipient} failed: ${error.message}`);
        return this.record(reminder, token, 'failed', error.message, error.permanent);
      }
      const triedAt = this.clock.nowIso();
      await this.db.write((tx) => releaseReminder(tx, reminder.id, token, triedAt, `tried ${triedAt}, to be tried again: ${error.message}`));
      return { type: 'retry', error };
    }
  }

  private async claim(tx: Sql, reminderId: string): Promise<Claimed> {
    const row = await findReminder(tx, reminderId);
    const now = this.clock.nowIso();
    const decision = claimDecision(row, now, this.leaseMs);
    switch (decision.type) {
      case 'missing':
        return { type: 'unclaimed', result: { type: 'nothing', why: `reminder ${reminderId} is not in the reminders table` } };
      case 'done':
        return { type: 'unclaimed', result: { type: 'nothing', why: `reminder ${reminderId} is already ${decision.status}` } };
      case 'early':
        return { type: 'unclaimed', result: { type: 'wait', ms: decision.waitMs, why: 'not due yet by the application clock' } };
      case 'busy':
        return { type: 'unclaimed', result: { type: 'wait', ms: decision.waitMs, why: 'another worker is sending it' } };
      case 'interrupted':
      case 'claim':
        break;
      default: {
        const unknown: never = decision;
        throw new Error(`Unknown claim decision ${JSON.stringify(unknown)}`);
      }
    }
    const reminder = toReminder(row!);
    const token = randomUUID();
    await claimReminder(tx, reminder.id, token, now);
    if (decision.type === 'interrupted') {
      const detail = `an earlier attempt (claimed ${decision.claimedAt}) stopped while sending; whether that mail went out is unknown, so it is not sent again`;
      return { type: 'claimed', reminder, token, next: { record: 'failed', detail } };
    }
    const cycles = await readCycles(tx);
    const progressFrom = progressCountsFrom(milestoneOf(reminder, cycles));
    const [recommendation] = reminder.recommendationId ? await readRecommendations(tx, [reminder.recommendationId], progressFrom) : [null];
    const people = await readPeople(tx);
    const check = checkReminder(reminder, { recommendation: recommendation ?? null, cycles, ...people }, now);
    if (!check.send) return { type: 'claimed', reminder, token, next: { record: 'skipped', detail: check.reason } };
    try {
      const mail = composeReminderMail({
        reminder,
        recommendation: recommendation ?? null,
        recommendations: reminder.kind === 'secretary_summary' ? await readActiveRecommendations(tx, progressFrom) : [],
        cycles,
        language: await readLanguage(tx, reminder.recipient),
        now,
        baseUrl: this.baseUrl,
      });
      return { type: 'claimed', reminder, token, next: { send: mail } };
    } catch (error) {
      return { type: 'claimed', reminder, token, next: { record: 'failed', detail: `the mail could not be written: ${(error as Error).message}` } };
    }
  }

  private async record(
    reminder: Reminder,
    token: string,
    outcome: ReminderOutcome,
    detail: string | null,
    permanent: boolean,
  ): Promise<DeliveryResult> {
    const stillMine = async (tx: Sql) => {
      const row = await findReminder(tx, reminder.id);
      if (row?.status !== 'sending' || row.claim_token !== token) {
        throw conflict(`Reminder ${reminder.id} is no longer claimed by this attempt`);
      }
    };
    if (reminder.recommendationId) {
      await this.runner.run(
        recommendationAggregate,
        reminder.recommendationId,
        {
          type: 'RecordReminderOutcome',
          reminderId: reminder.id,
          kind: reminder.kind,
          actionId: reminder.actionId,
          milestoneKey: reminder.milestoneKey,
          recipient: reminder.recipient,
          outcome,
          detail,
        },
        writeContext(SYSTEM_ACTOR, { correlationId: `reminder-${reminder.id}` }),
        { precheck: stillMine, reason: outcome === 'sent' ? null : detail },
      );
    } else {
      await this.db.write(async (tx) => {
        await stillMine(tx);
        await finishReminder(tx, reminder.id, { status: outcome, detail, at: this.clock.nowIso() });
      });
    }
    return { type: 'recorded', outcome, detail, permanent };
  }
}
