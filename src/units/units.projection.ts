import type { Sql } from '../event-store/sql';
import type { RowsProjection, TableRow, Where } from '../projections/projection';
import { UNIT_STREAM_PREFIX, evolveUnit, type UnitState } from './domain/unit';

interface UnitRow {
  id: string;
  name: string;
  name_en: string | null;
  retired_at: string | null;
  version: number | string | null;
}

/** A row written before units had events (no version, maybe no English name) reads as version 0 until its stream is made. */
const toState = (r: UnitRow): UnitState => ({
  id: r.id,
  name: r.name,
  nameEn: r.name_en ?? r.name,
  active: r.retired_at === null,
  retiredAt: r.retired_at,
  version: Number(r.version ?? 0),
});

const COLUMNS = 'id, name, name_en, retired_at, version';

/**
 * The units read model: the `units` table every reader of unit names already
 * reads (web/unit-names.ts), one row per unit, its columns rather than a
 * JSON state, so those readers need not change. Written only from the units'
 * events.
 */
export const unitsProjection: RowsProjection<UnitState> = {
  kind: 'rows',
  name: 'units',
  streamPrefix: UNIT_STREAM_PREFIX,
  tables: ['units'],
  evolve: evolveUnit as RowsProjection<UnitState>['evolve'],
  rows: (_before, s): TableRow[] => [
    { table: 'units', key: ['id'], row: { id: s.id, name: s.name, name_en: s.nameEn, retired_at: s.retiredAt, version: s.version } },
  ],
  written: (s) => s,
  async loadWritten(sql: Sql, id: string) {
    const [row] = await sql.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE id = ?`, [id]);
    return row ? toState(row) : null;
  },
  async read(sql: Sql, where: Where) {
    const rows = await sql.query<UnitRow>(`SELECT ${COLUMNS} FROM units${where.id !== undefined ? ' WHERE id = ?' : ''} ORDER BY id`, where.id !== undefined ? [where.id] : []);
    return rows.map(toState);
  },
};
