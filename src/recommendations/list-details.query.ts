import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../event-store/database';
import { Clock } from '../kernel/clock';
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
   * The details last read, kept while the recommendations' read model stays where it was (its
   * checkpoint, which every write of a recommendation moves) and the day is the same (overdue is
   * counted on it), as the list keeps its pages. The public page reads them for anyone, signed in or
   * not: at 1,000 recommendations the read took 80–90 ms of the event loop each time.
   */
  private kept: { key: string; details: RecommendationDetail[] } | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<RecommendationDetail[]> {
    const today = this.clock.today();
    return this.db.read(async (sql) => {
      const [checkpoint] = await sql.query<{ position: number | string }>('SELECT position FROM projection_checkpoints WHERE name = ?', [recommendationsProjection.name]);
      const key = `${today}|${Number(checkpoint?.position ?? 0)}`;
      if (this.kept?.key === key) return this.kept.details;
      const states = await readStatesWithoutUpdates(sql, {});
      const details = states.sort((a, b) => compareIds(a.reviewId, b.reviewId) || byCode(a, b)).map((s) => toDetail(s, today));
      this.kept = { key, details };
      return details;
    });
  }
}
