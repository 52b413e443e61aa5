import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '../../kernel/domain-error';
import { StateReader } from '../../projections/state-reader';
import { cyclesProjection } from '../cycles.projection';
import { GetCycleQuery, toCycleView } from '../cycles.cqrs';
import type { CycleState } from '../domain/cycle';

/** One planning cycle with its milestones. */
@QueryHandler(GetCycleQuery)
export class GetCycleHandler implements IQueryHandler<GetCycleQuery> {
  constructor(private readonly reader: StateReader) {}

  async execute({ id }: GetCycleQuery) {
    const cycle = await this.reader.one<CycleState>(cyclesProjection, id);
    if (!cycle) throw notFound(`Planning cycle ${id} not found`);
    return toCycleView(cycle);
  }
}
