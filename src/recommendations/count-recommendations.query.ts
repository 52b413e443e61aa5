import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../event-store/database';

/** review id → how many recommendations it has (a review with none is absent): what the reviews list shows. */
export class CountRecommendationsByReviewQuery extends Query<Map<string, number>> {}

/** One count over the summary rows, so the reviews list reads no recommendation, let alone its notes. */
@QueryHandler(CountRecommendationsByReviewQuery)
export class CountRecommendationsByReviewHandler implements IQueryHandler<CountRecommendationsByReviewQuery> {
  constructor(private readonly db: Database) {}

  async execute(): Promise<Map<string, number>> {
    const rows = await this.db.read((sql) =>
      sql.query<{ review_id: string; n: number | string }>('SELECT review_id, COUNT(*) AS n FROM rm_recommendations GROUP BY review_id'),
    );
    return new Map(rows.map((r) => [r.review_id, Number(r.n)]));
  }
}
