import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dayOfAsOf } from '../../kernel/calendar';
import { Clock } from '../../kernel/clock';
import { notFound } from '../../kernel/domain-error';
import { Database } from '../../event-store/database';
import { readDetailState, recommendationsProjection } from '../recommendations.projection';
import { StateReader } from '../../projections/state-reader';
import type { RecommendationState } from '../domain/recommendation.state';
import { toDetail, type RecommendationDetail } from '../recommendation.views';

export class GetRecommendationQuery extends Query<RecommendationDetail> {
  constructor(
    readonly id: string,
    readonly asOf: string | null,
  ) {
    super();
  }
}

/**
 * The detail: now, from the rows with each action's latest updates only; as of
 * a past instant, folded from the log and cut to the same latest updates, so
 * both answers have one shape.
 */
@QueryHandler(GetRecommendationQuery)
export class GetRecommendationHandler implements IQueryHandler<GetRecommendationQuery> {
  constructor(
    private readonly db: Database,
    private readonly reader: StateReader,
    private readonly clock: Clock,
  ) {}

  async execute({ id, asOf }: GetRecommendationQuery): Promise<RecommendationDetail> {
    const state = asOf
      ? await this.reader.one<RecommendationState>(recommendationsProjection, id, asOf)
      : await this.db.read((sql) => readDetailState(sql, id), { sentAtOnce: true });
    if (!state) throw notFound(asOf ? `Recommendation ${id} did not exist at ${asOf}` : `Recommendation ${id} not found`);
    return toDetail(state, asOf ? dayOfAsOf(asOf) : this.clock.today());
  }
}

/**
 * The state now as the detail reads it, each action with its latest updates only: what the page
 * decides its forms on (recommendation-capabilities.ts), whose notes to retract are those shown.
 * The whole state was read for it, every note of every action: the page's cost grew with them.
 */
export class GetDetailStateQuery extends Query<RecommendationState | null> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetDetailStateQuery)
export class GetDetailStateHandler implements IQueryHandler<GetDetailStateQuery> {
  constructor(private readonly db: Database) {}

  execute({ id }: GetDetailStateQuery): Promise<RecommendationState | null> {
    return this.db.read((sql) => readDetailState(sql, id), { sentAtOnce: true });
  }
}
