import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type Aggregate, type Written } from '../event-store/command-runner';
import { decide, factsNeeded, type RecommendationCommand } from './domain/recommendation.decide';
import { recommendationStreamId } from './domain/recommendation.events';
import type { RecommendationFacts } from './domain/recommendation.facts';
import { evolve, RECOMMENDATION_STATE_SCHEMA, type RecommendationState } from './domain/recommendation.state';
import { ChangeRecommendationCommand } from './change-recommendation.command';
import { readRecommendationFacts } from './recommendation-facts.sql';

/**
 * The facts reader belongs to the aggregate, not to this handler, so every writer of a
 * recommendation (this handler, the seed, the reminder worker) obeys the same rules:
 * a known review and unit, a code not yet taken, an owner the city knows.
 */
export const recommendationAggregate: Aggregate<RecommendationState, RecommendationCommand, RecommendationFacts> = {
  streamId: recommendationStreamId,
  evolve,
  decide,
  facts: (tx, command, state) => readRecommendationFacts(tx, factsNeeded(command, state)),
  // A busy recommendation gathers thousands of progress notes: every 100 versions its state is kept, so
  // loading it for a write (in a process that has not folded it yet) or as of an instant reads at most 99 events.
  snapshots: { schemaVersion: RECOMMENDATION_STATE_SCHEMA, every: 100 },
};

@CommandHandler(ChangeRecommendationCommand)
export class ChangeRecommendationHandler implements ICommandHandler<ChangeRecommendationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ recommendationId, change, ctx }: ChangeRecommendationCommand): Promise<Written<RecommendationState>> {
    return this.runner.run(recommendationAggregate, recommendationId, change, ctx, { reason: 'reason' in change ? change.reason : null });
  }
}
