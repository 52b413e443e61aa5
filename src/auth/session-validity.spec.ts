import { sessionEnd, type SessionWithUser } from './session-validity';

const now = new Date('2026-12-01T12:00:00.000Z');

const open: SessionWithUser = {
  user_id: 'u1',
  session_role: 'officer',
  session_unit: 'sfi',
  created_at: '2026-12-01T10:00:00.000Z',
  expires_at: '2026-12-01T18:00:00.000Z',
  revoked_at: null,
  id: 'u1',
  email: 'handlaggare.sfi@demo.local',
  name: 'Handläggare',
  role: 'officer',
  unit: 'sfi',
  language: 'sv',
  deactivated_at: null,
  password_changed_at: null,
};

describe('whether a session still lets its token in', () => {
  it('lets in an open session of a user who is as they were when they signed in', () => {
    expect(sessionEnd(open, 'u1', now)).toBeNull();
    expect(sessionEnd({ ...open, password_changed_at: '2026-12-01T09:00:00.000Z' }, 'u1', now)).toBeNull();
    expect(sessionEnd({ ...open, password_changed_at: open.created_at }, 'u1', now)).toBeNull();
    expect(sessionEnd({ ...open, session_role: 'secretary', role: 'secretary', session_unit: null, unit: null }, 'u1', now)).toBeNull();
  });

  it('names why a session has ended', () => {
    const cases: [string, SessionWithUser | undefined, string][] = [
      ['no such session', undefined, 'unknown'],
      ['signed out', { ...open, revoked_at: '2026-12-01T11:00:00.000Z' }, 'revoked'],
      ['past its expiry', { ...open, expires_at: '2026-12-01T11:59:59.999Z' }, 'expired'],
      ['expiring this very instant', { ...open, expires_at: now.toISOString() }, 'expired'],
      ['user row deleted', { ...open, id: null, email: null, name: null, role: null, unit: null, language: null }, 'user_deleted'],
      ['user deactivated', { ...open, deactivated_at: '2026-12-01T11:00:00.000Z' }, 'deactivated'],
      ['demoted', { ...open, role: 'auditor' }, 'role_changed'],
      ['moved to another unit', { ...open, unit: 'utredning' }, 'unit_changed'],
      ['unit taken away', { ...open, unit: null }, 'unit_changed'],
      ['password changed after signing in', { ...open, password_changed_at: '2026-12-01T10:00:00.001Z' }, 'password_changed'],
      ['password change at an instant that does not parse', { ...open, password_changed_at: 'yesterday' }, 'password_changed'],
    ];
    for (const [what, row, why] of cases) expect({ what, why: sessionEnd(row, 'u1', now) }).toEqual({ what, why });
  });

  it('refuses a session presented with another user as the token subject', () => {
    expect(sessionEnd(open, 'u2', now)).toBe('other_user');
  });
});
