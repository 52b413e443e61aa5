import { Module } from '@nestjs/common';
import { WebModule } from '../web/web.module';
import { ChangeUnitHttpController } from './change-unit/change-unit.http';
import { ChangeUnitWebController } from './change-unit/change-unit.web';
import { CreateUnitHttpController } from './create-unit/create-unit.http';
import { CreateUnitWebController } from './create-unit/create-unit.web';
import { ListUnitsHttpController } from './list-units/list-units.http';
import { GetUnitHandler, ListUnitsHandler } from './list-units/list-units.query';
import { ListUnitsWebController } from './list-units/list-units.web';
import { UnitPages } from './unit-pages';
import { UnitStreams } from './unit-streams';
import { ChangeUnitHandler } from './units.cqrs';

/** Units (the administration's departments), a folder per use case: list-units, create-unit, change-unit; the API and the pages. */
@Module({
  imports: [WebModule],
  controllers: [ListUnitsHttpController, CreateUnitHttpController, ChangeUnitHttpController, ListUnitsWebController, CreateUnitWebController, ChangeUnitWebController],
  providers: [ChangeUnitHandler, ListUnitsHandler, GetUnitHandler, UnitPages, UnitStreams],
})
export class UnitsModule {}
