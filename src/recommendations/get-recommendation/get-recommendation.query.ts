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

/** The detail and the state it was made from: the page decides its forms on that state (recommendation-capabilities.ts). */
export interface RecommendationRead {
  state: RecommendationState;
  detail: RecommendationDetail;
}

export class ReadRecommendationQuery extends Query<RecommendationRead> {
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
 * both answers have one shape. The page takes the state too, in the same read:
 * with each action's latest notes only, the ones a form there can take back;
 * it read the whole state again for it, every note of every action.
 */
@QueryHandler(ReadRecommendationQuery)
export class ReadRecommendationHandler implements IQueryHandler<ReadRecommendationQuery> {
  constructor(
    private readonly db: Database,
    private readonly reader: StateReader,
    private readonly clock: Clock,
  ) {}

  async execute({ id, asOf }: ReadRecommendationQuery): Promise<RecommendationRead> {
    const state = asOf
      ? await this.reader.one<RecommendationState>(recommendationsProjection, id, asOf)
      : await this.db.read((sql) => readDetailState(sql, id), { sentAtOnce: true });
    if (!state) throw notFound(asOf ? `Recommendation ${id} did not exist at ${asOf}` : `Recommendation ${id} not found`);
    return { state, detail: toDetail(state, asOf ? dayOfAsOf(asOf) : this.clock.today()) };
  }
}

@QueryHandler(GetRecommendationQuery)
export class GetRecommendationHandler implements IQueryHandler<GetRecommendationQuery> {
  constructor(private readonly read: ReadRecommendationHandler) {}

  async execute({ id, asOf }: GetRecommendationQuery): Promise<RecommendationDetail> {
    return (await this.read.execute(new ReadRecommendationQuery(id, asOf))).detail;
  }
}
