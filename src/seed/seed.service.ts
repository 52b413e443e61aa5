import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/password';
import { revokeSessionsOf } from '../auth/session-table';
import { cycleAggregate } from '../cycles/cycles.cqrs';
import { CommandRunner, writeContext } from '../event-store/command-runner';
import { SEED_LOCK_KEY, withStartupLock } from '../event-store/data-source';
import { Database, type Sql } from '../event-store/database';
import { SYSTEM_ACTOR } from '../kernel/actor';
import { Clock } from '../kernel/clock';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { recommendationAggregate } from '../recommendations/change-recommendation.handler';
import { reviewAggregate } from '../reviews/reviews.cqrs';
import { DEMO_ACCOUNTS, STOCKHOLM_PROPOSED_DECISIONS, STOCKHOLM_RECOMMENDATIONS, STOCKHOLM_REVIEW, UNITS, VERKSAMHETSPLAN_2012 } from './stockholm-2012';

const DEMO_EMAILS = DEMO_ACCOUNTS.map((a) => a.email);
const DEMO_EMAIL_LIST = DEMO_EMAILS.map(() => '?').join(', ');

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
    private readonly clock: Clock,
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
      await this.db.write(async (tx) => {
        for (const unit of UNITS) {
          await tx.query('INSERT INTO units (id, name, name_en) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING', [unit.id, unit.name, unit.nameEn]);
        }
      });
      if (!this.config.production) await this.addMissingDemoAccounts();
      const loaded = await this.db.write(async (tx) => {
        // One transaction: a crash half-way leaves nothing, and a second instance starting at
        // the same moment finds the log no longer empty once it gets the lock.
        const [row] = await tx.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM events');
        if (Number(row.n) > 0) return false;
        await this.loadStockholm(tx);
        return true;
      });
      if (loaded) this.logger.log('Loaded the Stockholm MIXITIES review, its five recommendations and Verksamhetsplan 2012');
    });
  }

  /** Ends the demo accounts and their sessions in one transaction, so none can sign in or keep a token. */
  private async deactivateDemoAccounts(): Promise<void> {
    // The wall clock, as for every session time (see Sessions), not the app clock a demo may set to 2012.
    const at = new Date().toISOString();
    const deactivated = await this.db.write(async (tx) => {
      const demo = await tx.query<{ id: string; deactivated_at: string | null }>(
        `SELECT id, deactivated_at FROM users WHERE email IN (${DEMO_EMAIL_LIST})`,
        DEMO_EMAILS,
      );
      const active = demo.filter((u) => u.deactivated_at === null);
      for (const u of active) await tx.query('UPDATE users SET deactivated_at = ? WHERE id = ?', [at, u.id]);
      // Every demo account's sessions, not only those of the accounts just deactivated:
      // one an earlier start deactivated must not have a session left either.
      for (const u of demo) await revokeSessionsOf(tx, u.id, 'production', at);
      return active.length;
    });
    if (deactivated > 0) this.logger.warn(`${deactivated} demo accounts deactivated because NODE_ENV=production`);
  }

  /**
   * Inserts the demo accounts that do not exist; one that exists is left as it
   * is, deactivated or not. ON CONFLICT keeps this safe without the lock too.
   */
  private async addMissingDemoAccounts(): Promise<void> {
    const existing = await this.db.query<{ email: string }>(`SELECT email FROM users WHERE email IN (${DEMO_EMAIL_LIST})`, DEMO_EMAILS);
    const missing = DEMO_ACCOUNTS.filter((a) => !existing.some((e) => e.email === a.email));
    if (missing.length === 0) return;
    // Hashed before the write transaction, which holds the append lock.
    const accounts = await Promise.all(missing.map(async (a) => ({ ...a, passwordHash: await hashPassword(this.config.demoPassword) })));
    const now = this.clock.nowIso();
    await this.db.write(async (tx) => {
      for (const a of accounts) {
        await tx.query(
          `INSERT INTO users (id, email, name, role, unit, language, password_hash, created_at)
           VALUES (?, ?, ?, ?, ?, 'sv', ?, ?) ON CONFLICT (email) DO NOTHING`,
          [randomUUID(), a.email, a.name, a.role, a.unit, a.passwordHash, now],
        );
      }
    });
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
