import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { notFound } from '../../kernel/domain-error';
import type { ProgressUpdate } from '../domain/recommendation.state';
import { readUpdatePage } from '../recommendations.projection';
import type { Page } from '../recommendation.views';

/** An action's progress updates, oldest first, after the update numbered `after` (0: from the first). */
export class ListUpdatesQuery extends Query<Page<ProgressUpdate>> {
  constructor(
    readonly recommendationId: string,
    readonly actionId: string,
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}

@QueryHandler(ListUpdatesQuery)
export class ListUpdatesHandler implements IQueryHandler<ListUpdatesQuery> {
  constructor(private readonly db: Database) {}

  async execute({ recommendationId, actionId, after, limit }: ListUpdatesQuery): Promise<Page<ProgressUpdate>> {
    const page = await this.db.read((sql) => readUpdatePage(sql, recommendationId, actionId, after, limit));
    if (!page) throw notFound(`Action ${actionId} of recommendation ${recommendationId} not found`);
    return page;
  }
}
