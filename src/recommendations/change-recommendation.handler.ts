import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type Aggregate, type Written } from '../event-store/command-runner';
import { decide, factsNeeded, type RecommendationCommand } from './domain/recommendation.decide';
import { recommendationStreamId } from './domain/recommendation.events';
import type { RecommendationFacts } from './domain/recommendation.facts';
import { evolve, type RecommendationState } from './domain/recommendation.state';
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
};

@CommandHandler(ChangeRecommendationCommand)
export class ChangeRecommendationHandler implements ICommandHandler<ChangeRecommendationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ recommendationId, change, ctx }: ChangeRecommendationCommand): Promise<Written<RecommendationState>> {
    return this.runner.run(recommendationAggregate, recommendationId, change, ctx, { reason: 'reason' in change ? change.reason : null });
  }
}
