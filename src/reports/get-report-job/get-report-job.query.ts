import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { Clock } from '../../kernel/clock';
import { failInterruptedJob, readReportJob, type ReportJobView } from '../report-jobs';

/** How far a report job has come; the report itself once it is done, the reason if it failed. */
export class GetReportJobQuery extends Query<ReportJobView> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetReportJobQuery)
export class GetReportJobHandler implements IQueryHandler<GetReportJobQuery> {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async execute({ id }: GetReportJobQuery): Promise<ReportJobView> {
    const { job, stale } = await this.db.read((sql) => readReportJob(sql, id));
    if (!stale) return job;
    return this.db.write(async (tx) => {
      await failInterruptedJob(tx, id, this.clock.nowIso());
      return (await readReportJob(tx, id)).job;
    });
  }
}
