import { Command } from '@nestjs/cqrs';
import type { WriteContext, Written } from './command-runner';

/**
 * A change to one aggregate, on its way to the command runner: which one, the
 * domain command that says what to change, and who asks. Each aggregate names
 * its own subclass, because the command bus finds a handler by the class.
 */
export abstract class ChangeCommand<C, S> extends Command<Written<S>> {
  constructor(
    readonly id: string,
    readonly change: C,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
