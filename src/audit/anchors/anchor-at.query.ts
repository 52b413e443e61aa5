import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnchorAtQuery } from '../../reports/generate-report/anchor-at.query';
import type { Anchor } from '../domain/anchor';
import { Anchors } from './anchors';

/**
 * Answers the reports' AnchorAtQuery (declared with them, so the import runs
 * from audit down to reports). It writes the anchor when it is new: an anchor
 * is a record of the log, not a change to it.
 */
@QueryHandler(AnchorAtQuery)
export class AnchorAtHandler implements IQueryHandler<AnchorAtQuery> {
  constructor(private readonly anchors: Anchors) {}

  execute({ position }: AnchorAtQuery): Promise<Anchor> {
    return this.anchors.anchorAt(position);
  }
}
