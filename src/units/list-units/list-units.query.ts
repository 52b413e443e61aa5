import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '../../kernel/domain-error';
import { StateReader } from '../../projections/state-reader';
import type { UnitState } from '../domain/unit';
import { GetUnitQuery, ListUnitsQuery, toUnitView } from '../units.cqrs';
import { unitsProjection } from '../units.projection';

/** The units, active ones only unless all are asked for, by Swedish name. */
@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(private readonly reader: StateReader) {}

  async execute({ all }: ListUnitsQuery) {
    const units = await this.reader.current<UnitState>(unitsProjection);
    return units
      .filter((u) => all || u.active)
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
      .map(toUnitView);
  }
}

/** One unit, retired or not. */
@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(private readonly reader: StateReader) {}

  async execute({ id }: GetUnitQuery) {
    const unit = await this.reader.one<UnitState>(unitsProjection, id);
    if (!unit) throw notFound('Unit not found');
    return { ...toUnitView(unit), version: unit.version };
  }
}
