import { toCycleDefinition, type CycleRequest } from '../cycle.request';
import type { CycleCommand } from '../domain/cycle';

/** The plan as it is to be from now on: milestones' dates, reminder days. */
export const toChangeCycle = (b: CycleRequest): CycleCommand => ({ type: 'ChangeCycle', ...toCycleDefinition(b) });
