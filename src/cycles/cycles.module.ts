import { Module } from '@nestjs/common';
import { ChangeCycleHandler, GetCycleHandler, ListCyclesHandler } from './cycles.cqrs';
import { CyclesHttpController } from './http/cycles.http.controller';

@Module({
  controllers: [CyclesHttpController],
  providers: [ChangeCycleHandler, ListCyclesHandler, GetCycleHandler],
})
export class CyclesModule {}
