import { CommandHandler, Query, type ICommandHandler } from '@nestjs/cqrs';
import { ChangeCommand } from '../event-store/change-command';
import { CommandRunner, type Aggregate, type WriteContext, type Written } from '../event-store/command-runner';
import { decideUnit, evolveUnit, unitStreamId, type UnitCommand, type UnitFacts, type UnitState } from './domain/unit';
import { readUnitFacts } from './unit-facts.sql';

/** The facts reader is the aggregate's, so every writer (the API, the pages, the seed, the start-up backfill) obeys the same rules. */
export const unitAggregate: Aggregate<UnitState, UnitCommand, UnitFacts> = {
  streamId: unitStreamId,
  evolve: evolveUnit,
  decide: decideUnit,
  facts: readUnitFacts,
};

export const toUnitView = (s: UnitState) => ({ id: s.id, name: s.name, nameEn: s.nameEn, active: s.active });

export type UnitView = ReturnType<typeof toUnitView>;

/** A change to a unit, with the reason the admin gave (stored in the event's metadata). */
export class ChangeUnitCommand extends ChangeCommand<UnitCommand, UnitState> {
  constructor(
    id: string,
    change: UnitCommand,
    ctx: WriteContext,
    readonly reason: string | null = null,
  ) {
    super(id, change, ctx);
  }
}

@CommandHandler(ChangeUnitCommand)
export class ChangeUnitHandler implements ICommandHandler<ChangeUnitCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ id, change, ctx, reason }: ChangeUnitCommand): Promise<Written<UnitState>> {
    return this.runner.run(unitAggregate, id, change, ctx, { reason });
  }
}

/** Every unit, the retired ones too when `all`; by name. */
export class ListUnitsQuery extends Query<UnitView[]> {
  constructor(readonly all = false) {
    super();
  }
}

/** One unit with the version of its stream: the ETag a change may name in If-Match. */
export class GetUnitQuery extends Query<UnitView & { version: number }> {
  constructor(readonly id: string) {
    super();
  }
}
