import { Query } from '@nestjs/cqrs';
import type { ReportAnchor } from '../domain/report-model';

/**
 * The signed anchor at a position of the log: the first made there with the
 * app's key, made now if there is none. A report asks for the one at the
 * position it is built from, so the same report made again names the same
 * anchor. Reports ask, the audit log answers (src/audit/anchors/anchor-at.query.ts):
 * declared here so that reports import nothing of audit, which sits above them
 * (its archive packs the reports).
 */
export class AnchorAtQuery extends Query<ReportAnchor> {
  constructor(readonly position: number) {
    super();
  }
}
