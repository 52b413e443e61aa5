import { CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ChangeCommand } from '../event-store/change-command';
import { CommandRunner, type Aggregate, type Written } from '../event-store/command-runner';
import { notFound } from '../kernel/domain-error';
import { cyclesProjection } from './cycles.projection';
import { StateReader } from '../projections/state-reader';
import { cycleStreamId, decideCycle, evolveCycle, type CycleCommand, type CycleState } from './domain/cycle';

export const cycleAggregate: Aggregate<CycleState, CycleCommand> = { streamId: cycleStreamId, evolve: evolveCycle, decide: decideCycle };

export const toCycleView = (s: CycleState) => ({
  id: s.id,
  name: s.name,
  year: s.year,
  milestones: s.milestones,
  reminderDaysBefore: s.reminderDaysBefore,
  version: s.version,
});

export class ChangeCycleCommand extends ChangeCommand<CycleCommand, CycleState> {}

@CommandHandler(ChangeCycleCommand)
export class ChangeCycleHandler implements ICommandHandler<ChangeCycleCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ id, change, ctx }: ChangeCycleCommand): Promise<Written<CycleState>> {
    return this.runner.run(cycleAggregate, id, change, ctx);
  }
}

export class ListCyclesQuery extends Query<ReturnType<typeof toCycleView>[]> {}

@QueryHandler(ListCyclesQuery)
export class ListCyclesHandler implements IQueryHandler<ListCyclesQuery> {
  constructor(private readonly reader: StateReader) {}

  async execute() {
    const cycles = await this.reader.current<CycleState>(cyclesProjection);
    return cycles.sort((a, b) => a.year - b.year || a.name.localeCompare(b.name)).map(toCycleView);
  }
}

export class GetCycleQuery extends Query<ReturnType<typeof toCycleView>> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetCycleQuery)
export class GetCycleHandler implements IQueryHandler<GetCycleQuery> {
  constructor(private readonly reader: StateReader) {}

  async execute({ id }: GetCycleQuery) {
    const cycle = await this.reader.one<CycleState>(cyclesProjection, id);
    if (!cycle) throw notFound(`Planning cycle ${id} not found`);
    return toCycleView(cycle);
  }
}
