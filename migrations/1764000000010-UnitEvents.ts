import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units become an aggregate with events, and the `units` table its read
 * model: when a unit was retired (null while active) and the version of its
 * stream the row shows. Rows from before have no stream yet; the app gives
 * each one its `UnitCreated` at start (src/units/unit-streams.ts), so a
 * rebuild of the read models keeps them.
 */
export class UnitEvents1764000000010 implements MigrationInterface {
  name = 'UnitEvents1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE units ADD COLUMN retired_at VARCHAR(30)');
    await q.query('ALTER TABLE units ADD COLUMN version INTEGER');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE units DROP COLUMN version');
    await q.query('ALTER TABLE units DROP COLUMN retired_at');
  }
}
