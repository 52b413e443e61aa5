import type { Role } from '../../kernel/actor';

/** A rule of OIDC_ROLE_MAP: a value of the role claim and the role (and unit) it gives. The configuration reads them, in the map's order. */
export interface RoleRule {
  value: string;
  role: Role;
  unit: string | null;
}

/**
 * The order in which one role outranks another when a user's claim matches
 * several rules: the one that may do the most wins, so a person who is both
 * in the officers' group and the administrators' group is an administrator,
 * whatever order the provider lists the groups in.
 */
export const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'secretary', 'unit_head', 'officer', 'auditor'];

export interface MappedRole {
  role: Role;
  unit: string | null;
  /** The claim value whose rule gave the role. */
  matched: string;
}

/** A role claim as providers send it: one string or an array of strings. Anything else counts as no values. */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The role a user's claim values give through OIDC_ROLE_MAP, or null when
 * none of them is in the map. Several matches: the highest role by
 * ROLE_PRECEDENCE; among rules of the same role (an officer in two units'
 * groups) the one listed first in OIDC_ROLE_MAP, so the answer never depends
 * on the order of the provider's list.
 */
export function mapRole(values: readonly string[], rules: readonly RoleRule[]): MappedRole | null {
  const held = new Set(values);
  let best: { rule: RoleRule; rank: number } | null = null;
  for (const rule of rules) {
    if (!held.has(rule.value)) continue;
    const rank = ROLE_PRECEDENCE.indexOf(rule.role);
    if (best === null || rank < best.rank) best = { rule, rank };
  }
  return best ? { role: best.rule.role, unit: best.rule.unit, matched: best.rule.value } : null;
}
