import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Anchor } from '../domain/anchor';
import { Anchors } from './anchors';

/**
 * The signed anchor at a position of the log: the first made there with the
 * app's key, made now if there is none. Reports ask for the one at the
 * position they are built from, so the same report made again names the same
 * anchor. (It writes the anchor when it is new: an anchor is a record of the
 * log, not a change to it.)
 */
export class AnchorAtQuery extends Query<Anchor> {
  constructor(readonly position: number) {
    super();
  }
}

@QueryHandler(AnchorAtQuery)
export class AnchorAtHandler implements IQueryHandler<AnchorAtQuery> {
  constructor(private readonly anchors: Anchors) {}

  execute({ position }: AnchorAtQuery): Promise<Anchor> {
    return this.anchors.anchorAt(position);
  }
}
