import type { StateProjection } from '../projections/projection';
import { CYCLE_STREAM_PREFIX, evolveCycle, type CycleState } from './domain/cycle';

/** The planning cycles read model: one row per cycle. */
export const cyclesProjection: StateProjection<CycleState> = {
  name: 'cycles',
  table: 'rm_cycles',
  streamPrefix: CYCLE_STREAM_PREFIX,
  evolve: evolveCycle as StateProjection<CycleState>['evolve'],
  row: (s) => ({ id: s.id, year: s.year, name: s.name, state: JSON.stringify(s) }),
};
