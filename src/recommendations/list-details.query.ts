import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../event-store/database';
import { Clock } from '../kernel/clock';
import { byCode, toDetail, type RecommendationDetail } from './recommendation.views';
import { readStatesWithoutUpdates } from './recommendations.projection';

/**
 * Every recommendation's detail now, in the list's order (review, then code),
 * WITHOUT progress notes: each action's `updates` is empty and its
 * `updateCount` says how many there are. For a page that shows every
 * recommendation with its actions and no note (the public page): one read of
 * the summary and action rows instead of a detail read per recommendation.
 */
export class ListRecommendationDetailsQuery extends Query<RecommendationDetail[]> {}

/** Review ids as the database orders them (UUIDs sort alike under every collation), as the list does. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

@QueryHandler(ListRecommendationDetailsQuery)
export class ListRecommendationDetailsHandler implements IQueryHandler<ListRecommendationDetailsQuery> {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<RecommendationDetail[]> {
    const states = await this.db.read((sql) => readStatesWithoutUpdates(sql, {}));
    const today = this.clock.today();
    return states.sort((a, b) => compareIds(a.reviewId, b.reviewId) || byCode(a, b)).map((s) => toDetail(s, today));
  }
}
