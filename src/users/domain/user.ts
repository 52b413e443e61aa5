import { ROLES, SYSTEM_ACTOR, type Actor, type Role } from '../../kernel/actor';
import { conflict, forbidden, invalid, isBlank, notFound, type FieldProblem } from '../../kernel/domain-error';
import type { Recorded } from '../../kernel/recorded';
import { normalEmail } from '../../kernel/email-address';

export const USER_LANGUAGES = ['sv', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/** Who made the user: an admin, the command line, single sign-on, the demo seed, or the table of users from before users had events. */
export const USER_SOURCES = ['admin', 'cli', 'sso', 'seed', 'imported'] as const;
export type UserSource = (typeof USER_SOURCES)[number];

/** The roles whose work is a unit's actions: they cannot be without a unit. */
export const UNIT_ROLES: readonly Role[] = ['officer', 'unit_head'];

export interface UserProfile {
  name: string;
  role: Role;
  unit: string | null;
  language: UserLanguage;
}

/*
 * Every event names its user (id and address, which never change), though
 * the stream does too: a sentence in the event log ("Gav Olle Officer rollen
 * …") is made from the events alone, and the log shows a page of events of
 * many streams, where the user's UserCreated may not be.
 */
export interface UserRef {
  userId: string;
  email: string;
}

export type UserEvent =
  | { type: 'UserCreated'; data: UserProfile & { userId: string; email: string; source: UserSource } }
  | { type: 'UserChanged'; data: Partial<UserProfile> & UserRef }
  | { type: 'UserDeactivated'; data: UserRef }
  | { type: 'UserReactivated'; data: UserRef };

export type UserCommand =
  | ({ type: 'CreateUser'; userId: string; email: string; source: UserSource } & UserProfile)
  | ({
      type: 'ChangeUser';
      active?: boolean;
      /** From the city's directory at a single sign-on: the system writes it, but the last active admin stays one (below). */
      fromDirectory?: boolean;
    } & Partial<UserProfile>);

export interface UserState extends UserProfile {
  id: string;
  email: string;
  active: boolean;
  source: UserSource;
  createdAt: string;
  /** When the user was last deactivated, while they are. */
  deactivatedAt: string | null;
  version: number;
  lastChangedAt: string;
}

/**
 * What a user command needs to know from outside its stream, read in the
 * write transaction: whether another user has the address, whether the unit
 * named exists and is in use, and how many other admins can still sign in.
 */
export interface UserFacts {
  emailTaken: boolean;
  /** The unit the command names, when it names one. */
  unit: { id: string; exists: boolean; active: boolean } | null;
  otherActiveAdmins: number;
}

export const USER_STREAM_PREFIX = 'user-';
export const userStreamId = (id: string) => `${USER_STREAM_PREFIX}${id}`;
export const USER_EVENT_TYPES: readonly UserEvent['type'][] = ['UserCreated', 'UserChanged', 'UserDeactivated', 'UserReactivated'];

/** Addresses are kept as sign-in looks them up: trimmed, in lower case. */
export { normalEmail };

export function evolveUser(state: UserState | null, event: Recorded<UserEvent>): UserState {
  if (event.type === 'UserCreated') {
    const { userId, email, name, role, unit, language, source } = event.data;
    return { id: userId, email, name, role, unit, language, source, active: true, createdAt: event.occurredAt, deactivatedAt: null, version: 1, lastChangedAt: event.occurredAt };
  }
  if (!state) throw new Error(`${event.type} before UserCreated`);
  const next = { ...state, version: state.version + 1, lastChangedAt: event.occurredAt };
  switch (event.type) {
    case 'UserChanged': {
      const { userId: _userId, email: _email, ...changes } = event.data;
      return { ...next, ...changes };
    }
    case 'UserDeactivated':
      return { ...next, active: false, deactivatedAt: event.occurredAt };
    case 'UserReactivated':
      return { ...next, active: true, deactivatedAt: null };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown user event ${(unknown as { type: string }).type}`);
    }
  }
}

/** The profile's own rules, each problem named by its field. */
function profileProblems(p: Partial<UserProfile>, unitAfter: string | null, roleAfter: Role, facts: UserFacts, unitChanges: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (p.name !== undefined && (isBlank(p.name) || p.name.length > 200)) problems.push({ field: 'name', message: 'must be 1 to 200 characters' });
  if (p.role !== undefined && !ROLES.includes(p.role)) problems.push({ field: 'role', message: `must be one of ${ROLES.join(', ')}` });
  if (p.language !== undefined && !USER_LANGUAGES.includes(p.language)) problems.push({ field: 'language', message: `must be one of ${USER_LANGUAGES.join(', ')}` });
  if (UNIT_ROLES.includes(roleAfter) && unitAfter === null) {
    problems.push({ field: 'unit', message: `is required for the role ${roleAfter}` });
  } else if (unitChanges && unitAfter !== null) {
    if (!facts.unit?.exists) problems.push({ field: 'unit', message: `unknown unit ${unitAfter}` });
    else if (!facts.unit.active) problems.push({ field: 'unit', message: `the unit ${unitAfter} is retired` });
  }
  return problems;
}

/**
 * Only admins administer users (the system, which is one, too). The last
 * admin who can sign in cannot be deactivated or given another role by an
 * admin, or nobody could administer the installation; the system may, when a
 * production start deactivates the demo accounts: a known password must not
 * stay, and the command line makes a new admin.
 */
export function decideUser(command: UserCommand, state: UserState | null, actor: Actor, facts: UserFacts): UserEvent[] {
  if (actor.role !== 'admin') throw forbidden(`The role ${actor.role} may not administer users`);
  switch (command.type) {
    case 'CreateUser': {
      if (state) throw conflict(`User ${command.userId} already exists`);
      const email = normalEmail(command.email);
      const unit = command.unit ?? null;
      // A user imported from the table of users before events is recorded as the table held them, whatever the rules say now.
      const problems = command.source === 'imported' ? [] : profileProblems(command, unit, command.role, facts, true);
      if (command.source !== 'imported' && !/^[^\s@]+@[^\s@.]+\.[^\s@]+$/.test(email)) problems.unshift({ field: 'email', message: 'must be an email address' });
      if (problems.length) throw invalid('The user is not valid', problems);
      if (facts.emailTaken) throw conflict(`A user with the email ${email} already exists`);
      const { userId, name, role, language, source } = command;
      return [{ type: 'UserCreated', data: { userId, email, name: name.trim(), role, unit, language, source } }];
    }
    case 'ChangeUser': {
      if (!state) throw notFound('User not found');
      const changes: Partial<UserProfile> = {};
      if (command.name !== undefined && command.name.trim() !== state.name) changes.name = command.name.trim();
      if (command.role !== undefined && command.role !== state.role) changes.role = command.role;
      if (command.unit !== undefined && (command.unit ?? null) !== state.unit) changes.unit = command.unit ?? null;
      if (command.language !== undefined && command.language !== state.language) changes.language = command.language;
      const roleAfter = changes.role ?? state.role;
      const unitAfter = 'unit' in changes ? changes.unit! : state.unit;
      const problems = profileProblems(changes, unitAfter, roleAfter, facts, 'unit' in changes);
      if (problems.length) throw invalid('The change is not valid', problems);
      const deactivates = command.active === false && state.active;
      const reactivates = command.active === true && !state.active;
      const stopsBeingAdmin = state.role === 'admin' && state.active && (deactivates || roleAfter !== 'admin');
      // Only the system's own housekeeping (the seed, the production start, which leave the first admin to npm run admin) may leave no
      // active admin; a single sign-on whose directory groups no longer make the last one an admin may not, or no one could administer.
      if (stopsBeingAdmin && facts.otherActiveAdmins === 0 && (actor.id !== SYSTEM_ACTOR.id || command.fromDirectory === true)) {
        throw conflict(`${state.email} is the last active admin: make another admin first`);
      }
      // A change that changes nothing records nothing: the answer is the user as they are.
      const events: UserEvent[] = [];
      const ref: UserRef = { userId: state.id, email: state.email };
      if (reactivates) events.push({ type: 'UserReactivated', data: ref });
      if (Object.keys(changes).length) events.push({ type: 'UserChanged', data: { ...ref, ...changes } });
      if (deactivates) events.push({ type: 'UserDeactivated', data: ref });
      return events;
    }
    default: {
      const unknown: never = command;
      throw new Error(`Unknown user command ${(unknown as { type: string }).type}`);
    }
  }
}

/** The unit a command names, whose existence the facts reader looks up; null when it names none. */
export function unitAsked(command: UserCommand, state: UserState | null): string | null {
  if (command.type === 'CreateUser') return command.unit ?? null;
  if (command.unit === undefined || !state || (command.unit ?? null) === state.unit) return null;
  return command.unit ?? null;
}
