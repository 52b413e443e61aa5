import type { Role } from '../kernel/actor';

/**
 * Who may do what, once, for the API and the web alike: an API route names
 * its permission with @Allow, a page asks may(). A write is also checked by
 * the domain's own rules; this table says who may ask at all.
 */
export const PERMISSIONS = {
  readAuditLog: { roles: ['auditor', 'secretary', 'admin'] },
  verifyAuditLog: { roles: ['auditor', 'admin'] },
  makeReports: { roles: ['secretary', 'admin'] },
  importRecommendations: { roles: ['secretary', 'admin'] },
  readReports: { roles: ['secretary', 'admin', 'auditor'] },
  listReminders: { roles: ['secretary', 'admin'] },
  readReminderHealth: { roles: ['secretary', 'admin'] },
  seeNotReported: { roles: ['secretary', 'admin', 'unit_head'] },
  readUsers: { roles: ['admin', 'secretary', 'auditor'] },
  administerUsers: { roles: ['admin'] },
  manageUnits: { roles: ['admin'] },
  // Anyone who belongs to a unit has that unit's actions to follow, whatever their role; secretaries and admins approve claimed completions there.
  seeMyActions: { roles: ['officer', 'unit_head', 'secretary', 'admin'], unitMembers: true },
} as const satisfies Record<string, { roles: readonly Role[]; unitMembers?: true }>;

export type Permission = keyof typeof PERMISSIONS;

/** The permissions a role alone decides, which is all an API route's guard can check. */
export type RolePermission = { [P in Permission]: (typeof PERMISSIONS)[P] extends { unitMembers: true } ? never : P }[Permission];

export function may(user: { role: Role; unit: string | null } | null, permission: Permission): boolean {
  if (user === null) return false;
  const grant: { roles: readonly Role[]; unitMembers?: true } = PERMISSIONS[permission];
  return grant.roles.includes(user.role) || (grant.unitMembers === true && user.unit !== null);
}
