import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { listReports, type ReportMetadata } from '../report-store';

export class ListReportsQuery extends Query<ReportMetadata[]> {}

@QueryHandler(ListReportsQuery)
export class ListReportsHandler implements IQueryHandler<ListReportsQuery> {
  constructor(private readonly db: Database) {}

  execute(): Promise<ReportMetadata[]> {
    return this.db.read(listReports);
  }
}
