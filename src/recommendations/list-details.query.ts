import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../event-store/database';
import { Clock } from '../kernel/clock';
import { KeptUntilMoved } from '../projections/kept-until-moved';
import { byCode, toDetail, type RecommendationDetail } from './recommendation.views';
import { readStatesWithoutUpdates, recommendationsProjection } from './recommendations.projection';

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
  /**
   * The details last read, kept until the read model moves and while the day is the same (overdue
   * is counted on it), as the list keeps its pages. The public page reads them for anyone, signed in
   * or not: at 1,000 recommendations the read took 80–90 ms of the event loop each time.
   */
  private readonly kept = new KeptUntilMoved<RecommendationDetail[]>(recommendationsProjection, 1);

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<RecommendationDetail[]> {
    const today = this.clock.today();
    return this.db.read((sql) =>
      this.kept.get(sql, today, async () => (await readStatesWithoutUpdates(sql, {})).sort((a, b) => compareIds(a.reviewId, b.reviewId) || byCode(a, b)).map((s) => toDetail(s, today))),
    );
  }
}
