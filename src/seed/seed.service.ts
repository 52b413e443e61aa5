import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { revokeSessionsOf } from '../auth/session-table';
import { cycleAggregate } from '../cycles/cycles.cqrs';
import { CommandRunner, writeContext } from '../event-store/command-runner';
import { SEED_LOCK_KEY, withStartupLock } from '../event-store/data-source';
import { Database, type Sql } from '../event-store/database';
import { SYSTEM_ACTOR } from '../kernel/actor';
import { DomainError } from '../kernel/domain-error';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { recommendationAggregate } from '../recommendations/change-recommendation.handler';
import { REVIEW_STREAM_PREFIX } from '../reviews/domain/review';
import { reviewAggregate } from '../reviews/reviews.cqrs';
import { createMissingUnits } from '../units/unit-streams';
import { UserAccounts } from '../users/user-accounts';
import { userAggregate } from '../users/users.cqrs';
import { DEMO_ACCOUNTS, STOCKHOLM_PROPOSED_DECISIONS, STOCKHOLM_RECOMMENDATIONS, STOCKHOLM_REVIEW, UNITS, VERKSAMHETSPLAN_2012 } from './stockholm-2012';

const DEMO_EMAILS = DEMO_ACCOUNTS.map((a) => a.email);
const DEMO_EMAIL_LIST = DEMO_EMAILS.map(() => '?').join(', ');
// Said in the event log, as a person's reasons are, in the organisation's language.
const DEMO_DEACTIVATION_REASON = 'Demokontots lösenord är känt: det får inte logga in i en installation i produktion (NODE_ENV=production)';

/**
 * Loads the Stockholm review and the 2012 cycle into an empty event log, and
 * the units and demo accounts that are missing (outside production). Runs on
 * every start and does nothing the second time. Instances that start together
 * take turns under a database lock, and every step is idempotent, so the one
 * that comes second finds the work done.
 *
 * A production start deactivates the demo accounts, whether or not the seed is
 * on: a database first started in development must not keep a known password.
 * A later development start leaves them deactivated, as it leaves any account
 * an admin deactivated: which start deactivated an account is not recorded, and
 * a database that has been production stays safe.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
    private readonly accounts: UserAccounts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.production) await this.deactivateDemoAccounts();
    if (this.config.seed) await this.seed();
  }

  async seed(): Promise<void> {
    await withStartupLock(this.db.dataSource, SEED_LOCK_KEY, async () => {
      // The units first: the recommendations below are registered through the same rules as
      // any other (recommendationAggregate reads its facts), and each must name a known unit.
      // Made through CreateUnit as an admin's are; one that exists is left as an admin left it.
      await this.db.write((tx) => createMissingUnits(tx, this.runner, UNITS, writeContext(SYSTEM_ACTOR, { correlationId: 'seed-units' })));
      if (!this.config.production) await this.addMissingDemoAccounts();
      const loaded = await this.db.write(async (tx) => {
        // One transaction: a crash half-way leaves nothing, and a second instance starting at
        // the same moment finds a review once it gets the lock. A review, not any event: users
        // and units have their events before the Stockholm review is loaded.
        const [row] = await tx.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM events WHERE stream_id LIKE '${REVIEW_STREAM_PREFIX}%'`);
        if (Number(row.n) > 0) return false;
        await this.loadStockholm(tx);
        return true;
      });
      if (loaded) this.logger.log('Loaded the Stockholm MIXITIES review, its five recommendations and Verksamhetsplan 2012');
    });
  }

  /**
   * Ends the demo accounts and their sessions in one transaction, so none can sign in or keep a token.
   * Through the users' own command, as an admin would, with the reason in the event log.
   */
  private async deactivateDemoAccounts(): Promise<void> {
    // The wall clock, as for every session time (see Sessions), not the app clock a demo may set to 2012.
    const at = new Date().toISOString();
    const ctx = writeContext(SYSTEM_ACTOR, { correlationId: 'production-start' });
    const deactivated = await this.db.write(async (tx) => {
      const demo = await tx.query<{ id: string; deactivated_at: string | null }>(
        `SELECT id, deactivated_at FROM users WHERE email IN (${DEMO_EMAIL_LIST})`,
        DEMO_EMAILS,
      );
      // Every demo account's sessions, not only those of the accounts deactivated now: one an earlier
      // start deactivated must not have a session left either. First, so they record the production start as why.
      for (const u of demo) await revokeSessionsOf(tx, u.id, 'production', at);
      const active = demo.filter((u) => u.deactivated_at === null);
      for (const u of active) await this.runner.runIn(tx, userAggregate, u.id, { type: 'ChangeUser', active: false }, ctx, { reason: DEMO_DEACTIVATION_REASON });
      return active.length;
    });
    if (deactivated > 0) this.logger.warn(`${deactivated} demo accounts deactivated because NODE_ENV=production`);
  }

  /**
   * Makes the demo accounts that do not exist, through the same CreateUser an
   * admin's goes through (source 'seed'), each with the demo password; one
   * that exists is left as it is, deactivated or not. Without the lock (on
   * SQLite) another instance may make one first: its address is then taken,
   * the refusal writes nothing, and the account is there.
   */
  private async addMissingDemoAccounts(): Promise<void> {
    const existing = await this.db.query<{ email: string }>(`SELECT email FROM users WHERE email IN (${DEMO_EMAIL_LIST})`, DEMO_EMAILS);
    const missing = DEMO_ACCOUNTS.filter((a) => !existing.some((e) => e.email === a.email));
    const ctx = writeContext(SYSTEM_ACTOR, { correlationId: 'seed-demo-accounts' });
    for (const a of missing) {
      try {
        await this.accounts.create({ ...a, language: 'sv', password: this.config.demoPassword, source: 'seed' }, ctx, 'Demokonto för att prova tjänsten; skapas inte i produktion');
      } catch (e) {
        if (!(e instanceof DomainError && e.kind === 'conflict')) throw e;
      }
    }
  }

  /** In the order the rules need: the review exists before its recommendations, as the units do. */
  private async loadStockholm(tx: Sql): Promise<void> {
    const ctx = writeContext(SYSTEM_ACTOR, { correlationId: 'seed-stockholm-2012' });
    const reviewId = randomUUID();
    await this.runner.runIn(tx, reviewAggregate, reviewId, { type: 'RegisterReview', reviewId, ...STOCKHOLM_REVIEW }, ctx);
    for (const text of STOCKHOLM_PROPOSED_DECISIONS) {
      await this.runner.runIn(tx, reviewAggregate, reviewId, { type: 'RecordReviewDecision', decisionId: randomUUID(), text, meeting: null, proposed: true }, ctx);
    }
    for (const r of STOCKHOLM_RECOMMENDATIONS) {
      const recommendationId = randomUUID();
      await this.runner.runIn(tx, recommendationAggregate, recommendationId, { type: 'RegisterRecommendation', recommendationId, reviewId, ...r }, ctx);
    }
    const cycleId = randomUUID();
    await this.runner.runIn(tx, cycleAggregate, cycleId, { type: 'CreateCycle', cycleId, ...VERKSAMHETSPLAN_2012 }, ctx);
  }
}
