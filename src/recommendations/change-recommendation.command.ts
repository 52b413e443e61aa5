import { Command } from '@nestjs/cqrs';
import type { WriteContext, Written } from '../event-store/command-runner';
import type { RecommendationCommand } from './domain/recommendation.decide';
import type { RecommendationState } from './domain/recommendation.state';

/**
 * Any change to a recommendation: the domain command says which. Every use
 * case goes through the same handler because they all do the same thing:
 * load, decide, append.
 */
export class ChangeRecommendationCommand extends Command<Written<RecommendationState>> {
  constructor(
    readonly recommendationId: string,
    readonly change: RecommendationCommand,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
