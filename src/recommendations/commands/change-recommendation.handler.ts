import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type Aggregate, type WriteResult } from '../../event-store/command-runner';
import type { Sql } from '../../event-store/database';
import type { Actor } from '../../kernel/actor';
import { Clock } from '../../kernel/clock';
import { conflict, invalid } from '../../kernel/domain-error';
import { decide, type RecommendationCommand } from '../domain/recommendation.decide';
import { recommendationStreamId, type RecommendationEvent } from '../domain/recommendation.events';
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
 * a known review and take a code its review does not use yet, every unit named must exist,
 * and an action's owner must be someone the city knows (see ownerCheck).
 */
async function crossChecks(tx: Sql, command: RecommendationCommand, state: RecommendationState | null, actor: Actor): Promise<void> {
  const unit = 'responsibleUnit' in command ? command.responsibleUnit : null;
  if (unit) {
    const [known] = await tx.query('SELECT id FROM units WHERE id = ?', [unit]);
    if (!known) {
      const units = (await tx.query<{ id: string }>('SELECT id FROM units ORDER BY id')).map((u) => u.id);
      throw invalid(`There is no unit ${unit}`, [{ field: 'responsibleUnit', message: `must be one of ${units.join(', ')}` }]);
    }
  }
  if (command.type === 'AddAction' || command.type === 'AssignAction') await ownerCheck(tx, command, state, actor);
  if (command.type !== 'RegisterRecommendation') return;
  const [review] = await tx.query('SELECT id FROM rm_reviews WHERE id = ?', [command.reviewId]);
  if (!review) throw invalid(`Review ${command.reviewId} does not exist`, [{ field: 'reviewId', message: 'no review with this id' }]);
  const [taken] = await tx.query('SELECT id FROM rm_recommendations WHERE review_id = ? AND code = ?', [command.reviewId, command.code]);
  if (taken) throw conflict(`The review already has a recommendation with code ${command.code}`);
}

/**
 * Reminders and overdue notices go to an action's owner, so the owner must be an active user
 * of the unit the action will belong to (for a reassignment, the new unit if one is given).
 * The domain's own refusals come first (decide is pure, so asking it twice costs nothing):
 * someone who may not touch the action gets their 403, 404 or 409 and learns nothing about
 * who works where. Unknown, deactivated and foreign owners get one and the same answer,
 * for the same reason.
 */
async function ownerCheck(
  tx: Sql,
  command: Extract<RecommendationCommand, { type: 'AddAction' | 'AssignAction' }>,
  state: RecommendationState | null,
  actor: Actor,
): Promise<void> {
  const events = decide(command, state, actor);
  const owned = events.find((e): e is Extract<RecommendationEvent, { type: 'ActionAdded' | 'ActionAssigned' }> => e.type === 'ActionAdded' || e.type === 'ActionAssigned');
  if (!owned) return;
  const { ownerEmail, responsibleUnit } = owned.data;
  const [owner] = await tx.query('SELECT id FROM users WHERE email = ? AND unit = ? AND deactivated_at IS NULL', [ownerEmail.trim().toLowerCase(), responsibleUnit]);
  if (!owner) {
    throw invalid(`The owner ${ownerEmail} is not an active user of the unit ${responsibleUnit}`, [
      { field: 'ownerEmail', message: `must be an active user of the unit ${responsibleUnit}` },
    ]);
  }
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
      precheck: (tx, command, state) => crossChecks(tx, command, state, ctx.actor),
      reason: 'reason' in change ? change.reason : null,
    });
  }
}
