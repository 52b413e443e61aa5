import { CommandHandler, Query, type ICommandHandler } from '@nestjs/cqrs';
import { ChangeCommand } from '../event-store/change-command';
import { CommandRunner, type Aggregate, type Written } from '../event-store/command-runner';
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

/**
 * The cycles' reads, as messages on the QueryBus: the reports page asks them
 * too, so they live here and their handlers in list-cycles/ and get-cycle/.
 */
export class ListCyclesQuery extends Query<ReturnType<typeof toCycleView>[]> {}

export class GetCycleQuery extends Query<ReturnType<typeof toCycleView>> {
  constructor(readonly id: string) {
    super();
  }
}
