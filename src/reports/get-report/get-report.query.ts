import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { readReport, type ReportMetadata } from '../report-store';

/** A report's metadata, and its file when asked (the download use case asks). */
export class GetReportQuery extends Query<ReportMetadata & { content?: Buffer }> {
  constructor(
    readonly id: string,
    readonly withContent: boolean,
  ) {
    super();
  }
}

@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  constructor(private readonly db: Database) {}

  execute({ id, withContent }: GetReportQuery): Promise<ReportMetadata & { content?: Buffer }> {
    return this.db.read((sql) => readReport(sql, id, withContent));
  }
}
