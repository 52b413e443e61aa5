import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type Aggregate, type WriteResult } from '../../event-store/command-runner';
import { Clock } from '../../kernel/clock';
import { decide, factsNeeded, type RecommendationCommand } from '../domain/recommendation.decide';
import { recommendationStreamId } from '../domain/recommendation.events';
import type { RecommendationFacts } from '../domain/recommendation.facts';
import { evolve, type RecommendationState } from '../domain/recommendation.state';
import { toDetail } from '../recommendation.views';
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
  constructor(
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
  ) {}

  execute({ recommendationId, change, ctx }: ChangeRecommendationCommand): Promise<WriteResult> {
    return this.runner.run(recommendationAggregate, recommendationId, change, ctx, {
      statusCode: change.type === 'RegisterRecommendation' || change.type === 'AddAction' ? 201 : 200,
      view: (state) => toDetail(state, this.clock.today()),
      reason: 'reason' in change ? change.reason : null,
    });
  }
}
