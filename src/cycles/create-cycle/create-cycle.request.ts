import { toCycleDefinition, type CycleRequest } from '../cycle.request';
import type { CycleCommand } from '../domain/cycle';

/** A new plan; the id is the caller's, so the answer can point at it. */
export const toCreateCycle = (cycleId: string, b: CycleRequest): CycleCommand => ({ type: 'CreateCycle', cycleId, ...toCycleDefinition(b) });
