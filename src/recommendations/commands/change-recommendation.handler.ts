import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type Aggregate, type WriteResult } from '../../event-store/command-runner';
import type { Sql } from '../../event-store/database';
import { Clock } from '../../kernel/clock';
import { conflict, invalid } from '../../kernel/domain-error';
import { decide, type RecommendationCommand } from '../domain/recommendation.decide';
import { recommendationStreamId } from '../domain/recommendation.events';
import { evolve, type RecommendationState } from '../domain/recommendation.state';
import { toDetail } from '../recommendation.views';
import { ChangeRecommendationCommand } from './change-recommendation.command';

export const recommendationAggregate: Aggregate<RecommendationState, RecommendationCommand> = {
  streamId: recommendationStreamId,
  evolve,
  decide,
};

/**
 * What needs other tables, inside the same transaction: a new recommendation must point at
 * a known review and take a code its review does not use yet, and every unit named must exist.
 */
async function crossChecks(tx: Sql, command: RecommendationCommand): Promise<void> {
  const unit = 'responsibleUnit' in command ? command.responsibleUnit : null;
  if (unit) {
    const [known] = await tx.query('SELECT id FROM units WHERE id = ?', [unit]);
    if (!known) {
      const units = (await tx.query<{ id: string }>('SELECT id FROM units ORDER BY id')).map((u) => u.id);
      throw invalid(`There is no unit ${unit}`, [{ field: 'responsibleUnit', message: `must be one of ${units.join(', ')}` }]);
    }
  }
  if (command.type !== 'RegisterRecommendation') return;
  const [review] = await tx.query('SELECT id FROM rm_reviews WHERE id = ?', [command.reviewId]);
  if (!review) throw invalid(`Review ${command.reviewId} does not exist`, [{ field: 'reviewId', message: 'no review with this id' }]);
  const [taken] = await tx.query('SELECT id FROM rm_recommendations WHERE review_id = ? AND code = ?', [command.reviewId, command.code]);
  if (taken) throw conflict(`The review already has a recommendation with code ${command.code}`);
}

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
      precheck: crossChecks,
      reason: 'reason' in change ? change.reason : null,
    });
  }
}
