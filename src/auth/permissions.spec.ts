import { ROLES, type Role } from '../kernel/actor';
import { may, PERMISSIONS, type Permission } from './permissions';

const user = (role: Role, unit: string | null = null) => ({ role, unit });
const allowed = (permission: Permission, unit: string | null = null) => ROLES.filter((role) => may(user(role, unit), permission));

describe('the permissions table', () => {
  it('gives each permission to the roles the API and the web have always allowed', () => {
    expect(Object.fromEntries(Object.keys(PERMISSIONS).map((p) => [p, allowed(p as Permission)]))).toEqual({
      readAuditLog: ['secretary', 'auditor', 'admin'],
      verifyAuditLog: ['auditor', 'admin'],
      makeReports: ['secretary', 'admin'],
      readReports: ['secretary', 'auditor', 'admin'],
      listReminders: ['secretary', 'admin'],
      readReminderHealth: ['secretary', 'admin'],
      seeNotReported: ['unit_head', 'secretary', 'admin'],
      readUsers: ['secretary', 'auditor', 'admin'],
      administerUsers: ['admin'],
      manageUnits: ['admin'],
      importRecommendations: ['secretary', 'admin'],
      seeMyActions: ['officer', 'unit_head', 'secretary', 'admin'],
    });
  });

  it('lets anyone of a unit see my actions, whatever their role, but nothing else by the unit alone', () => {
    expect(allowed('seeMyActions', 'sfi')).toEqual([...ROLES]);
    expect(allowed('readAuditLog', 'sfi')).toEqual(allowed('readAuditLog'));
  });

  it('gives no one who is not signed in anything', () => {
    expect((Object.keys(PERMISSIONS) as Permission[]).filter((p) => may(null, p))).toEqual([]);
  });
});
