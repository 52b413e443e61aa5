import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
// Lets timers and I/O (other requests) run before the next read.
import { setImmediate as letOthersRun } from 'node:timers/promises';
import { Database } from '../../event-store/database';
import { GENESIS_HASH, chainHash } from '../../event-store/event-hash';
import { EVENT_COLUMNS, hashedColumnsOf, type EventRow } from '../../event-store/event-row';
import { VERIFY_PAGE_SIZE } from '../../event-store/verify-chain';
import { Anchors } from '../anchors/anchors';
import { ChainCheck, type Problem } from '../domain/chain-check';

export interface AuditVerification {
  ok: boolean;
  /** Events that hold from the first one up to the first problem. */
  checkedEvents: number;
  /** The chain's hash after `checkedEvents`: the head when ok. */
  headHash: string;
  firstInvalidPosition: number | null;
  anchorsChecked: number;
  problems: Problem[];
}

/** Recomputes the hash chain over every event, checks it against every anchor and the read models' checkpoints. */
export class VerifyAuditLogQuery extends Query<AuditVerification> {}

/** Beyond the interval, before an unanchored event counts as unsigned: the check runs each minute, and a start anchors at once. */
const UNANCHORED_GRACE_MINUTES = 5;

@QueryHandler(VerifyAuditLogQuery)
export class VerifyAuditLogHandler implements IQueryHandler<VerifyAuditLogQuery> {
  constructor(
    private readonly db: Database,
    private readonly anchors: Anchors,
  ) {}

  /**
   * The log in pages keyed on position, each its own short read, yielding
   * between them as verifyChain does; the anchors (the table's and
   * ANCHOR_DIR's) are read first, so an anchor made meanwhile is not expected
   * of a log read before it.
   */
  async execute(): Promise<AuditVerification> {
    const anchors = await this.anchors.known();
    const check = new ChainCheck(anchors, this.anchors.publicKeys, GENESIS_HASH);
    for (let after = 0; ; ) {
      const rows = await this.db.read((sql) =>
        sql.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ${VERIFY_PAGE_SIZE}`, [after]),
      );
      for (const row of rows) {
        check.push({ position: Number(row.position), prevHash: row.prev_hash, hash: row.hash, recomputedHash: chainHash(row.prev_hash, hashedColumnsOf(row)) });
      }
      if (rows.length < VERIFY_PAGE_SIZE) break;
      after = Number(rows[rows.length - 1].position);
      await letOthersRun();
    }
    // A read model that has seen further than the log ends saw events that are gone.
    // Compared with the log's end as it is now, not as far as the pages went: appends may have come meanwhile.
    const ahead = await this.db.query<{ position: number | string }>(
      'SELECT position FROM projection_checkpoints WHERE position > (SELECT COALESCE(MAX(position), 0) FROM events) ORDER BY position',
    );
    for (const c of ahead) check.report(Number(c.position), 'truncated');
    await this.unanchoredTooLong(check, anchors.length ? anchors[anchors.length - 1].position : 0);
    const problems = check.finish().sort((a, b) => a.position - b.position);
    return {
      ok: problems.length === 0,
      checkedEvents: check.checkedEvents,
      headHash: check.headHash,
      firstInvalidPosition: problems.length ? problems[0].position : null,
      anchorsChecked: check.anchorsChecked,
      problems,
    };
  }

  /**
   * Events are anchored at least every ANCHOR_INTERVAL_MINUTES (checked each
   * minute): an event after the newest anchor stored longer ago than that,
   * and a few minutes' grace, is `unsigned`: anchoring stopped, or anchors
   * were removed from both places. Stored times are the real clock's.
   */
  private async unanchoredTooLong(check: ChainCheck, newestAnchored: number): Promise<void> {
    const [first] = await this.db.query<{ position: number | string; recorded_at: string }>(
      'SELECT position, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT 1',
      [newestAnchored],
    );
    const graceMs = (this.anchors.intervalMinutes + UNANCHORED_GRACE_MINUTES) * 60_000;
    if (first && Date.now() - new Date(first.recorded_at).getTime() > graceMs) check.report(Number(first.position), 'unsigned');
  }
}
