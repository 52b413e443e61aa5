import type { Actor } from '../../kernel/actor';
import { DomainError, forbidden, invalid, isBlank, notFound, type FieldProblem } from '../../kernel/domain-error';
import type { Recorded } from '../../kernel/recorded';

/** A unit of the administration (sfi-avdelningen): what recommendations, actions and users belong to. */
export type UnitEvent =
  | { type: 'UnitCreated'; data: { unitId: string; name: string; nameEn: string } }
  | { type: 'UnitRenamed'; data: { name?: string; nameEn?: string } }
  | { type: 'UnitRetired'; data: Record<string, never> }
  | { type: 'UnitReinstated'; data: Record<string, never> };

export type UnitCommand =
  | { type: 'CreateUnit'; unitId: string; name: string; nameEn: string }
  | { type: 'ChangeUnit'; name?: string; nameEn?: string; active?: boolean };

export interface UnitState {
  id: string;
  name: string;
  nameEn: string;
  active: boolean;
  /** When it was retired; null while active. */
  retiredAt: string | null;
  version: number;
}

/** An action still to be done in a unit: what stops the unit being retired. */
export interface OpenAction {
  recommendationCode: string;
  title: string;
}

/** What the rules need from outside the stream; only a retirement asks (see unitFactsNeeded). */
export interface UnitFacts {
  openActions?: readonly OpenAction[];
}

export const UNIT_STREAM_PREFIX = 'unit-';
export const unitStreamId = (id: string) => `${UNIT_STREAM_PREFIX}${id}`;
export const UNIT_EVENT_TYPES: readonly UnitEvent['type'][] = ['UnitCreated', 'UnitRenamed', 'UnitRetired', 'UnitReinstated'];

/** Short, stable, readable in a URL and a CSV: `sfi`, `utredning`, `ekonomi-2`. */
export const UNIT_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const UNIT_ID_MAX_LENGTH = 50;
export const UNIT_NAME_MAX_LENGTH = 200;

export function evolveUnit(state: UnitState | null, event: Recorded<UnitEvent>): UnitState {
  switch (event.type) {
    case 'UnitCreated':
      return { id: event.data.unitId, name: event.data.name, nameEn: event.data.nameEn, active: true, retiredAt: null, version: 1 };
    case 'UnitRenamed':
      if (!state) throw new Error('UnitRenamed before UnitCreated');
      return { ...state, ...event.data, version: state.version + 1 };
    case 'UnitRetired':
      if (!state) throw new Error('UnitRetired before UnitCreated');
      return { ...state, active: false, retiredAt: event.occurredAt, version: state.version + 1 };
    case 'UnitReinstated':
      if (!state) throw new Error('UnitReinstated before UnitCreated');
      return { ...state, active: true, retiredAt: null, version: state.version + 1 };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown unit event ${(unknown as { type: string }).type}`);
    }
  }
}

/** Whether decide will need the unit's open actions: only when an active unit is to be retired. */
export const unitFactsNeeded = (command: UnitCommand, state: UnitState | null): boolean =>
  command.type === 'ChangeUnit' && command.active === false && state !== null && state.active;

function nameProblems(names: { name?: string; nameEn?: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['name', 'nameEn'] as const) {
    const value = names[field];
    if (value === undefined) continue;
    if (isBlank(value)) problems.push({ field, message: 'must not be empty' });
    else if (value.length > UNIT_NAME_MAX_LENGTH) problems.push({ field, message: `must be at most ${UNIT_NAME_MAX_LENGTH} characters` });
  }
  return problems;
}

/**
 * Only admins manage units. A unit's id is its name in every other record
 * (recommendations, actions, users), so it is chosen once and never changes;
 * its names may. A unit with open actions cannot be retired: someone must
 * still answer for them. A change that changes nothing records nothing.
 */
export function decideUnit(command: UnitCommand, state: UnitState | null, actor: Actor, facts: UnitFacts = {}): UnitEvent[] {
  if (actor.role !== 'admin') throw forbidden(`The role ${actor.role} may not manage units`);
  switch (command.type) {
    case 'CreateUnit': {
      const problems: FieldProblem[] = [];
      if (!UNIT_ID_PATTERN.test(command.unitId) || command.unitId.length > UNIT_ID_MAX_LENGTH) {
        problems.push({ field: 'id', message: `must be 1–${UNIT_ID_MAX_LENGTH} lowercase letters, digits and single hyphens, such as sfi or ekonomi-2` });
      }
      problems.push(...nameProblems({ name: command.name ?? '', nameEn: command.nameEn ?? '' }));
      if (problems.length) throw invalid('The unit is not valid', problems);
      if (state) throw new DomainError('conflict', `Unit ${command.unitId} already exists`, [{ field: 'id', message: 'is taken by another unit' }]);
      return [{ type: 'UnitCreated', data: { unitId: command.unitId, name: command.name.trim(), nameEn: command.nameEn.trim() } }];
    }
    case 'ChangeUnit': {
      if (!state) throw notFound('Unit not found');
      const problems = nameProblems(command);
      if (problems.length) throw invalid('The unit is not valid', problems);
      const events: UnitEvent[] = [];
      const renamed: { name?: string; nameEn?: string } = {};
      if (command.name !== undefined && command.name.trim() !== state.name) renamed.name = command.name.trim();
      if (command.nameEn !== undefined && command.nameEn.trim() !== state.nameEn) renamed.nameEn = command.nameEn.trim();
      if (Object.keys(renamed).length) events.push({ type: 'UnitRenamed', data: renamed });
      if (command.active === false && state.active) {
        const open = facts.openActions;
        if (open === undefined) throw new Error('decideUnit needs the open actions to retire a unit; gather them when unitFactsNeeded says so');
        if (open.length) {
          throw new DomainError(
            'conflict',
            `Unit ${state.id} has ${open.length} open action${open.length === 1 ? '' : 's'} and cannot be retired until they are completed, cancelled or given to another unit`,
            open.map((a) => ({ field: 'active', message: `${a.recommendationCode}: ${a.title}` })),
          );
        }
        events.push({ type: 'UnitRetired', data: {} });
      }
      if (command.active === true && !state.active) events.push({ type: 'UnitReinstated', data: {} });
      return events;
    }
    default: {
      const unknown: never = command;
      throw new Error(`Unknown unit command ${(unknown as { type: string }).type}`);
    }
  }
}
