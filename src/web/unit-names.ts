import type { Sql } from '../event-store/sql';

/** A unit's id → the name readers know it by, in one language. */
export type UnitNames = Readonly<Record<string, string>>;

/** Both languages' names of every unit, as the units table holds them. */
export interface UnitDirectory {
  sv: UnitNames;
  en: UnitNames;
}

/**
 * The one source of unit names: the units table (`name`, and `name_en` where
 * the unit has an English one, else `name`). Pages and reports show what it
 * says, so a name changed there is changed everywhere.
 */
export async function readUnitNames(sql: Pick<Sql, 'query'>): Promise<UnitDirectory> {
  const rows = await sql.query<{ id: string; name: string; name_en: string | null }>('SELECT id, name, name_en FROM units');
  return unitNamesOf(rows.map((u) => ({ id: u.id, name: u.name, nameEn: u.name_en ?? u.name })));
}

/** The directory from units as they are (the table) or were (a report's, folded as of its instant), by id. */
export function unitNamesOf(units: readonly { id: string; name: string; nameEn: string }[]): UnitDirectory {
  const sorted = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    sv: Object.fromEntries(sorted.map((u) => [u.id, u.name])),
    en: Object.fromEntries(sorted.map((u) => [u.id, u.nameEn || u.name])),
  };
}

/** A unit's name, or its id for a unit the table does not know. */
export const unitName = (names: UnitNames, unit: string): string => names[unit] ?? unit;
