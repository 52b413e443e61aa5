import type { Actor } from '../../kernel/actor';
import { SYSTEM_ACTOR } from '../../kernel/actor';
import { refusal } from '../../../test/support/refusal';
import { decideUnit, evolveUnit, unitFactsNeeded, type UnitCommand, type UnitEvent, type UnitState } from './unit';

const admin: Actor = { id: 'a', email: 'admin@demo.local', name: 'Ada Admin', role: 'admin', unit: null };
const secretary: Actor = { ...admin, id: 's', role: 'secretary' };

const create: UnitCommand = { type: 'CreateUnit', unitId: 'sfi', name: 'sfi-avdelningen', nameEn: 'Swedish for immigrants (sfi) department' };

/** The state after these events, as the runner folds them. */
const fold = (events: UnitEvent[], from: UnitState | null = null): UnitState =>
  events.reduce<UnitState | null>((s, e, i) => evolveUnit(s, { ...e, occurredAt: `2012-03-1${i}T08:00:00.000Z`, actorEmail: admin.email }), from)!;

const sfi = fold(decideUnit(create, null, admin));

describe('unit rules', () => {
  it('an admin creates a unit, active, with both names', () => {
    expect(sfi).toEqual({ id: 'sfi', name: 'sfi-avdelningen', nameEn: 'Swedish for immigrants (sfi) department', active: true, retiredAt: null, version: 1 });
  });

  it('the system creates units as an admin does (the seed, units from before events)', () => {
    expect(decideUnit(create, null, SYSTEM_ACTOR)).toHaveLength(1);
  });

  it('only an admin manages units', () => {
    expect(refusal(() => decideUnit(create, null, secretary)).kind).toBe('forbidden');
    expect(refusal(() => decideUnit({ type: 'ChangeUnit', name: 'x' }, sfi, { ...admin, role: 'unit_head', unit: 'sfi' })).kind).toBe('forbidden');
  });

  it('an id is a short slug, and both names are required; each problem is named', () => {
    for (const unitId of ['SFI', 'sfi avd', '-sfi', 'sfi-', 'a--b', '', 'x'.repeat(51), 'sfi/../x']) {
      const e = refusal(() => decideUnit({ ...create, unitId } as UnitCommand, null, admin));
      expect([e.kind, e.details!.map((d) => d.field)]).toEqual(['invalid', ['id']]);
    }
    const e = refusal(() => decideUnit({ ...create, name: '  ', nameEn: '' } as UnitCommand, null, admin));
    expect(e.details!.map((d) => d.field)).toEqual(['name', 'nameEn']);
    expect(decideUnit({ ...create, unitId: 'ekonomi-2' } as UnitCommand, null, admin)).toHaveLength(1);
  });

  it('creating an id that exists is a conflict naming the id', () => {
    const e = refusal(() => decideUnit(create, sfi, admin));
    expect([e.kind, e.details]).toEqual(['conflict', [{ field: 'id', message: 'is taken by another unit' }]]);
  });

  it('a rename records only the names that change, trimmed; a change that changes nothing records nothing', () => {
    expect(decideUnit({ type: 'ChangeUnit', name: ' sfi- och vuxenutbildningen ', nameEn: sfi.nameEn }, sfi, admin)).toEqual([
      { type: 'UnitRenamed', data: { name: 'sfi- och vuxenutbildningen' } },
    ]);
    expect(decideUnit({ type: 'ChangeUnit', name: sfi.name, active: true }, sfi, admin)).toEqual([]);
    const renamed = fold([{ type: 'UnitRenamed', data: { nameEn: 'SFI' } }], sfi);
    expect([renamed.name, renamed.nameEn, renamed.version]).toEqual(['sfi-avdelningen', 'SFI', 2]);
  });

  it('a blank new name is refused, naming the field', () => {
    expect(refusal(() => decideUnit({ type: 'ChangeUnit', nameEn: ' ' }, sfi, admin)).details).toEqual([{ field: 'nameEn', message: 'must not be empty' }]);
  });

  it('changing a unit that does not exist is a not-found', () => {
    expect(refusal(() => decideUnit({ type: 'ChangeUnit', name: 'x' }, null, admin)).kind).toBe('not_found');
  });

  it('retiring asks for the open actions; a unit without any is retired, and reinstated', () => {
    const retire: UnitCommand = { type: 'ChangeUnit', active: false };
    expect(unitFactsNeeded(retire, sfi)).toBe(true);
    expect(unitFactsNeeded({ type: 'ChangeUnit', name: 'x' }, sfi)).toBe(false);
    expect(() => decideUnit(retire, sfi, admin, {})).toThrow('needs the open actions');
    const retired = fold(decideUnit(retire, sfi, admin, { openActions: [] }), sfi);
    expect([retired.active, retired.retiredAt]).toEqual([false, '2012-03-10T08:00:00.000Z']);
    expect(unitFactsNeeded(retire, retired)).toBe(false);
    expect(decideUnit(retire, retired, admin)).toEqual([]);
    const back = fold(decideUnit({ type: 'ChangeUnit', active: true }, retired, admin), retired);
    expect([back.active, back.retiredAt, back.version]).toEqual([true, null, 3]);
  });

  it('a unit with open actions is not retired: the conflict lists each with its recommendation', () => {
    const openActions = [
      { recommendationCode: 'R2', title: 'Språkstöd i sfi' },
      { recommendationCode: 'R4', title: 'Mentorer' },
    ];
    const e = refusal(() => decideUnit({ type: 'ChangeUnit', name: 'Nytt namn', active: false }, sfi, admin, { openActions }));
    expect(e.kind).toBe('conflict');
    expect(e.details).toEqual([
      { field: 'active', message: 'R2: Språkstöd i sfi' },
      { field: 'active', message: 'R4: Mentorer' },
    ]);
  });
});
