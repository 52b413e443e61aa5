import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CommandRunner, writeContext, type WriteContext } from '../event-store/command-runner';
import { SEED_LOCK_KEY, withStartupLock } from '../event-store/data-source';
import { Database } from '../event-store/database';
import type { Sql } from '../event-store/sql';
import { SYSTEM_ACTOR } from '../kernel/actor';
import { UNIT_STREAM_PREFIX, unitStreamId } from './domain/unit';
import { unitAggregate } from './units.cqrs';

/**
 * Units made before they had events (rows the seed inserted) get their
 * `UnitCreated` at start, so the log holds every unit and a rebuild of the
 * read models keeps them. Runs when the modules start, before anything's
 * bootstrap (the seed registers recommendations of these units); under the
 * seed's startup lock, and each unit's check and write in one transaction,
 * so instances that start together make each stream once.
 */
@Injectable()
export class UnitStreams implements OnModuleInit {
  private readonly logger = new Logger('Units');

  constructor(
    private readonly db: Database,
    private readonly runner: CommandRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    const made = await withStartupLock(this.db.dataSource, SEED_LOCK_KEY, () => this.db.write((tx) => giveUnitsTheirStreams(tx, this.runner)));
    if (made > 0) this.logger.log(`${made} units from before units had events were given their UnitCreated`);
  }
}

/** Every units row without a stream gets its `UnitCreated`, from what the row says; how many there were. */
export async function giveUnitsTheirStreams(tx: Sql, runner: CommandRunner): Promise<number> {
  const rows = await tx.query<{ id: string; name: string; name_en: string | null }>(
    `SELECT id, name, name_en FROM units u WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = '${UNIT_STREAM_PREFIX}' || u.id) ORDER BY id`,
  );
  const ctx = writeContext(SYSTEM_ACTOR, { correlationId: 'units-before-events' });
  for (const r of rows) {
    // A row without an English name showed its Swedish one in English; the event says so.
    await runner.runIn(tx, unitAggregate, r.id, { type: 'CreateUnit', unitId: r.id, name: r.name, nameEn: r.name_en ?? r.name }, ctx, {
      reason: 'The unit existed before units were recorded as events',
    });
  }
  return rows.length;
}

/**
 * Creates the units that have no stream yet, through CreateUnit as an admin
 * would (the seed's units); one that exists is left as it is, renamed or
 * retired. Inside the caller's transaction, so the check and the write are one.
 */
export async function createMissingUnits(tx: Sql, runner: CommandRunner, units: ReadonlyArray<{ id: string; name: string; nameEn: string }>, ctx: WriteContext): Promise<number> {
  let made = 0;
  for (const u of units) {
    const [exists] = await tx.query('SELECT 1 AS found FROM events WHERE stream_id = ? LIMIT 1', [unitStreamId(u.id)]);
    if (exists) continue;
    await runner.runIn(tx, unitAggregate, u.id, { type: 'CreateUnit', unitId: u.id, name: u.name, nameEn: u.nameEn }, ctx);
    made++;
  }
  return made;
}
