import type { Actor } from '../../kernel/actor';
import { conflict, forbidden, invalid, notFound, type FieldProblem } from '../../kernel/domain-error';
import type { Recorded } from '../../kernel/recorded';

/** A reporting milestone of a planning cycle, e.g. Tertialrapport 1 (period to 30 April). */
export interface Milestone {
  key: string;
  name: string;
  periodStart: string; // YYYY-MM-DD
  periodEnd: string; // YYYY-MM-DD
  dueDate: string; // YYYY-MM-DD: when the report is due to the committee
}

export interface CycleDefinition {
  name: string;
  year: number;
  milestones: Milestone[];
  reminderDaysBefore: number[];
}

export type CycleEvent =
  | { type: 'CycleCreated'; data: CycleDefinition & { cycleId: string } }
  | { type: 'CycleChanged'; data: CycleDefinition };

export type CycleCommand =
  | ({ type: 'CreateCycle'; cycleId: string } & CycleDefinition)
  | ({ type: 'ChangeCycle' } & CycleDefinition);

export interface CycleState extends CycleDefinition {
  id: string;
  version: number;
  lastChangedAt: string;
}

export const CYCLE_STREAM_PREFIX = 'cycle-';
export const cycleStreamId = (id: string) => `${CYCLE_STREAM_PREFIX}${id}`;
export const CYCLE_EVENT_TYPES: readonly CycleEvent['type'][] = ['CycleCreated', 'CycleChanged'];

export function evolveCycle(state: CycleState | null, event: Recorded<CycleEvent>): CycleState {
  switch (event.type) {
    case 'CycleCreated': {
      const { cycleId, ...definition } = event.data;
      return { id: cycleId, ...definition, version: 1, lastChangedAt: event.occurredAt };
    }
    case 'CycleChanged':
      if (!state) throw new Error('CycleChanged before CycleCreated');
      return { ...state, ...event.data, version: state.version + 1, lastChangedAt: event.occurredAt };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown cycle event ${(unknown as { type: string }).type}`);
    }
  }
}

/** Milestones must be in order, each period well formed, keys unique. */
export function validateCycle(def: CycleDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  def.milestones.forEach((m, i) => {
    if (keys.has(m.key)) problems.push({ field: `milestones.${i}.key`, message: `duplicate milestone key ${m.key}` });
    keys.add(m.key);
    if (m.periodStart > m.periodEnd) {
      problems.push({ field: `milestones.${i}.periodEnd`, message: 'must not be before periodStart' });
    }
    if (m.dueDate < m.periodEnd) {
      problems.push({ field: `milestones.${i}.dueDate`, message: 'must not be before periodEnd' });
    }
  });
  def.reminderDaysBefore.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0 || d > 365) {
      problems.push({ field: `reminderDaysBefore.${i}`, message: 'must be a whole number of days from 0 to 365' });
    }
  });
  return problems;
}

export function decideCycle(command: CycleCommand, state: CycleState | null, actor: Actor): CycleEvent[] {
  if (actor.role !== 'admin') throw forbidden(`The role ${actor.role} may not manage planning cycles`);
  const { type: _type, ...rest } = command;
  const definition: CycleDefinition = {
    name: rest.name,
    year: rest.year,
    milestones: rest.milestones,
    reminderDaysBefore: [...new Set(rest.reminderDaysBefore)].sort((a, b) => b - a),
  };
  const problems = validateCycle(definition);
  if (problems.length) throw invalid('The planning cycle is not valid', problems);
  switch (command.type) {
    case 'CreateCycle':
      if (state) throw conflict(`Cycle ${command.cycleId} already exists`);
      return [{ type: 'CycleCreated', data: { cycleId: command.cycleId, ...definition } }];
    case 'ChangeCycle':
      if (!state) throw notFound('Planning cycle not found');
      return [{ type: 'CycleChanged', data: definition }];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown cycle command ${(unknown as { type: string }).type}`);
    }
  }
}
