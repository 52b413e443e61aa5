import { Module } from '@nestjs/common';
import { ChangeCycleHttpController } from './change-cycle/change-cycle.http';
import { CreateCycleHttpController } from './create-cycle/create-cycle.http';
import { ChangeCycleHandler } from './cycles.cqrs';
import { GetCycleHttpController } from './get-cycle/get-cycle.http';
import { GetCycleHandler } from './get-cycle/get-cycle.query';
import { ListCyclesHttpController } from './list-cycles/list-cycles.http';
import { ListCyclesHandler } from './list-cycles/list-cycles.query';

/** Planning cycles (the business plan's milestones), a folder per use case: create-cycle, change-cycle, list-cycles, get-cycle. API only: no page changes a plan. */
@Module({
  controllers: [ListCyclesHttpController, GetCycleHttpController, CreateCycleHttpController, ChangeCycleHttpController],
  providers: [ChangeCycleHandler, ListCyclesHandler, GetCycleHandler],
})
export class CyclesModule {}
