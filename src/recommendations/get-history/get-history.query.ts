import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { EventStore, type StoredEvent } from '../../event-store/event-store';
import { notFound } from '../../kernel/domain-error';
import { recommendationStreamId } from '../domain/recommendation.events';

/** One event as auditors read it: who, when, why and what. */
export const toHistoryEntry = (e: StoredEvent) => ({
  position: e.position,
  version: e.version,
  type: e.type,
  occurredAt: e.occurredAt,
  actor: e.metadata.actor,
  reason: e.metadata.reason,
  data: e.data,
});

export type HistoryEntry = ReturnType<typeof toHistoryEntry>;

export class GetHistoryQuery extends Query<HistoryEntry[]> {
  constructor(readonly recommendationId: string) {
    super();
  }
}

@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery> {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
  ) {}

  async execute({ recommendationId }: GetHistoryQuery): Promise<HistoryEntry[]> {
    const events = await this.db.read((sql) => this.store.readStream(sql, recommendationStreamId(recommendationId)));
    if (events.length === 0) throw notFound(`Recommendation ${recommendationId} not found`);
    return events.map(toHistoryEntry);
  }
}
