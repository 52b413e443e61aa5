import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StateReader } from '../../projections/state-reader';
import { cyclesProjection } from '../cycles.projection';
import { ListCyclesQuery, toCycleView } from '../cycles.cqrs';
import type { CycleState } from '../domain/cycle';

/** Every planning cycle, by year and then name. */
@QueryHandler(ListCyclesQuery)
export class ListCyclesHandler implements IQueryHandler<ListCyclesQuery> {
  constructor(private readonly reader: StateReader) {}

  async execute() {
    const cycles = await this.reader.current<CycleState>(cyclesProjection);
    return cycles.sort((a, b) => a.year - b.year || a.name.localeCompare(b.name)).map(toCycleView);
  }
}
