import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';
import { verifyChain, type VerifyResult } from '../../event-store/verify-chain';

/** Recomputes the hash chain over every event, page by page, letting other requests run between pages. */
export class VerifyAuditLogQuery extends Query<VerifyResult> {}

@QueryHandler(VerifyAuditLogQuery)
export class VerifyAuditLogHandler implements IQueryHandler<VerifyAuditLogQuery> {
  constructor(private readonly db: Database) {}

  execute(): Promise<VerifyResult> {
    return verifyChain(this.db);
  }
}
