import { SYSTEM_ACTOR, type Actor } from '../../kernel/actor';
import { refusal } from '../../../test/support/refusal';
import { decideUser, evolveUser, type UserCommand, type UserEvent, type UserFacts, type UserState } from './user';

const admin: Actor = { id: 'a', email: 'ada@stad.se', name: 'Ada Admin', role: 'admin', unit: null };
const secretary: Actor = { ...admin, id: 's', role: 'secretary' };
const facts = (more: Partial<UserFacts> = {}): UserFacts => ({ emailTaken: false, unit: { id: 'sfi', exists: true, active: true }, otherActiveAdmins: 1, ...more });
const create = (more: Partial<Extract<UserCommand, { type: 'CreateUser' }>> = {}): UserCommand => ({
  type: 'CreateUser',
  userId: 'u1',
  email: ' Olle.Officer@Stad.se ',
  name: 'Olle Officer',
  role: 'officer',
  unit: 'sfi',
  language: 'sv',
  source: 'admin',
  ...more,
});
const fold = (events: UserEvent[], state: UserState | null = null) =>
  events.reduce<UserState | null>((s, e) => evolveUser(s, { ...e, occurredAt: '2012-03-12T09:00:00.000Z', actorEmail: admin.email }), state)!;
const olle = fold(decideUser(create(), null, admin, facts()));
const lastAdmin = fold(decideUser(create({ userId: 'a', email: 'ada@stad.se', name: 'Ada Admin', role: 'admin', unit: null }), null, admin, facts()));

describe('user rules', () => {
  it('an admin creates a user; the address is kept trimmed and in lower case', () => {
    expect(olle).toMatchObject({ id: 'u1', email: 'olle.officer@stad.se', role: 'officer', unit: 'sfi', active: true, version: 1 });
  });

  it('only an admin (or the system) administers users', () => {
    expect(refusal(() => decideUser(create(), null, secretary, facts())).kind).toBe('forbidden');
    expect(decideUser(create(), null, SYSTEM_ACTOR, facts())).toHaveLength(1);
  });

  it('an address another user has is a conflict', () => {
    expect(refusal(() => decideUser(create(), null, admin, facts({ emailTaken: true }))).kind).toBe('conflict');
  });

  it('an officer or a unit head needs a unit that exists and is in use; each problem names its field', () => {
    const none = refusal(() => decideUser(create({ unit: null }), null, admin, facts({ unit: null })));
    expect(none.details).toEqual([{ field: 'unit', message: 'is required for the role officer' }]);
    expect(refusal(() => decideUser(create({ unit: 'okand' }), null, admin, facts({ unit: { id: 'okand', exists: false, active: false } }))).details![0].field).toBe('unit');
    expect(refusal(() => decideUser(create(), null, admin, facts({ unit: { id: 'sfi', exists: true, active: false } }))).details![0].message).toMatch(/retired/);
    const bad = refusal(() => decideUser(create({ name: ' ', role: 'boss' as never, language: 'fi' as never, email: 'nope' }), null, admin, facts()));
    expect(bad.details!.map((d) => d.field)).toEqual(['email', 'name', 'role', 'language']);
  });

  it('a secretary needs no unit', () => {
    expect(decideUser(create({ role: 'secretary', unit: null }), null, admin, facts({ unit: null }))).toHaveLength(1);
  });

  it('a change records only what changes; a change that changes nothing records nothing', () => {
    expect(decideUser({ type: 'ChangeUser', name: 'Olle Officer', role: 'unit_head', unit: 'sfi', active: true }, olle, admin, facts())).toEqual([
      { type: 'UserChanged', data: { userId: 'u1', email: 'olle.officer@stad.se', role: 'unit_head' } },
    ]);
    expect(decideUser({ type: 'ChangeUser', name: 'Olle Officer', active: true }, olle, admin, facts())).toEqual([]);
  });

  it('deactivation and reactivation are their own events, and fold into active', () => {
    const off = decideUser({ type: 'ChangeUser', active: false }, olle, admin, facts());
    expect(off).toEqual([{ type: 'UserDeactivated', data: { userId: 'u1', email: 'olle.officer@stad.se' } }]);
    const inactive = fold(off, olle);
    expect(inactive).toMatchObject({ active: false, deactivatedAt: '2012-03-12T09:00:00.000Z', version: 2 });
    expect(decideUser({ type: 'ChangeUser', active: false }, inactive, admin, facts())).toEqual([]);
    expect(fold(decideUser({ type: 'ChangeUser', active: true }, inactive, admin, facts()), inactive)).toMatchObject({ active: true, deactivatedAt: null });
  });

  it('moving an officer out of every unit is refused; a retired unit is not checked when the unit stays', () => {
    expect(refusal(() => decideUser({ type: 'ChangeUser', unit: null }, olle, admin, facts({ unit: null }))).details![0].field).toBe('unit');
    expect(decideUser({ type: 'ChangeUser', name: 'Olle O.' }, olle, admin, facts({ unit: null }))).toHaveLength(1);
  });

  it('the last active admin can be neither deactivated nor given another role by an admin (conflict), but by the system', () => {
    const alone = facts({ otherActiveAdmins: 0 });
    expect(refusal(() => decideUser({ type: 'ChangeUser', active: false }, lastAdmin, admin, alone)).kind).toBe('conflict');
    expect(refusal(() => decideUser({ type: 'ChangeUser', role: 'secretary' }, lastAdmin, admin, alone)).kind).toBe('conflict');
    expect(decideUser({ type: 'ChangeUser', name: 'Ada A.' }, lastAdmin, admin, alone)).toHaveLength(1);
    expect(decideUser({ type: 'ChangeUser', active: false }, lastAdmin, admin, facts({ otherActiveAdmins: 1 }))).toHaveLength(1);
    expect(decideUser({ type: 'ChangeUser', active: false }, lastAdmin, SYSTEM_ACTOR, alone)).toHaveLength(1);
  });

  it("a single sign-on whose directory no longer makes the last active admin one is refused: the system writes it, but no one could administer after", () => {
    const alone = facts({ otherActiveAdmins: 0 });
    expect(refusal(() => decideUser({ type: 'ChangeUser', role: 'secretary', fromDirectory: true }, lastAdmin, SYSTEM_ACTOR, alone)).kind).toBe('conflict');
    expect(decideUser({ type: 'ChangeUser', role: 'secretary', fromDirectory: true }, lastAdmin, SYSTEM_ACTOR, facts({ otherActiveAdmins: 1 }))).toHaveLength(1);
  });

  it('a user from before users had events is recorded as the table held them', () => {
    expect(decideUser(create({ source: 'imported', unit: 'nedlagd' }), null, SYSTEM_ACTOR, facts({ unit: { id: 'nedlagd', exists: false, active: false } }))).toHaveLength(1);
  });

  it('changing a user who does not exist is a not-found, creating one twice a conflict', () => {
    expect(refusal(() => decideUser({ type: 'ChangeUser', name: 'X' }, null, admin, facts())).kind).toBe('not_found');
    expect(refusal(() => decideUser(create(), olle, admin, facts())).kind).toBe('conflict');
  });
});
