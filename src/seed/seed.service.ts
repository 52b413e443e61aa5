import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Users } from '../auth/users';
import { cycleAggregate } from '../cycles/cycles.cqrs';
import { CommandRunner, writeContext } from '../event-store/command-runner';
import { Database, type Sql } from '../event-store/database';
import { SYSTEM_ACTOR } from '../kernel/actor';
import { Clock } from '../kernel/clock';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { recommendationAggregate } from '../recommendations/commands/change-recommendation.handler';
import { reviewAggregate } from '../reviews/reviews.cqrs';
import { DEMO_ACCOUNTS, STOCKHOLM_PROPOSED_DECISIONS, STOCKHOLM_RECOMMENDATIONS, STOCKHOLM_REVIEW, UNITS, VERKSAMHETSPLAN_2012 } from './stockholm-2012';


/**
 * Loads the Stockholm review and the 2012 cycle into an empty event log, and
 * the units and demo accounts that are missing (outside production). Runs on
 * every start and does nothing the second time.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
    private readonly users: Users,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seed) return;
    await this.seed();
  }

  async seed(): Promise<void> {
    await this.db.write(async (tx) => {
      for (const unit of UNITS) {
        await tx.query('INSERT INTO units (id, name, name_en) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING', [unit.id, unit.name, unit.nameEn]);
      }
    });
    if (!this.config.production) {
      for (const account of DEMO_ACCOUNTS) {
        if (await this.users.findByEmail(account.email)) continue;
        await this.users.create({ ...account, language: 'sv', password: this.config.demoPassword }, this.clock.nowIso());
      }
    }
    const loaded = await this.db.write(async (tx) => {
      // One transaction: a crash half-way leaves nothing, and a second instance starting at
      // the same moment finds the log no longer empty once it gets the lock.
      const [row] = await tx.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM events');
      if (Number(row.n) > 0) return false;
      await this.loadStockholm(tx);
      return true;
    });
    if (loaded) this.logger.log('Loaded the Stockholm MIXITIES review, its five recommendations and Verksamhetsplan 2012');
  }

  private async loadStockholm(tx: Sql): Promise<void> {
    const ctx = writeContext(SYSTEM_ACTOR, { correlationId: 'seed-stockholm-2012' });
    const reviewId = randomUUID();
    const done = { statusCode: 201, view: () => null };
    await this.runner.runIn(tx, reviewAggregate, reviewId, { type: 'RegisterReview', reviewId, ...STOCKHOLM_REVIEW }, ctx, done);
    for (const text of STOCKHOLM_PROPOSED_DECISIONS) {
      await this.runner.runIn(tx, reviewAggregate, reviewId, { type: 'RecordReviewDecision', decisionId: randomUUID(), text, meeting: null, proposed: true }, ctx, done);
    }
    for (const r of STOCKHOLM_RECOMMENDATIONS) {
      const recommendationId = randomUUID();
      await this.runner.runIn(tx, recommendationAggregate, recommendationId, { type: 'RegisterRecommendation', recommendationId, reviewId, ...r }, ctx, done);
    }
    const cycleId = randomUUID();
    await this.runner.runIn(tx, cycleAggregate, cycleId, { type: 'CreateCycle', cycleId, ...VERKSAMHETSPLAN_2012 }, ctx, done);
  }
}
