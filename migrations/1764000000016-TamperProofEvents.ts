import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables that refuse, and the anchors' table.
 *
 * SQLite: `INSERT OR REPLACE` (and `REPLACE INTO`, an upsert) removes the
 * conflicting row without firing the DELETE trigger unless the connection
 * set `recursive_triggers`, which a database administrator's shell does not.
 * A BEFORE INSERT guard refuses any insert onto a stored position or stream
 * version before SQLite gets to its conflict resolution, whatever the pragma.
 *
 * PostgreSQL: triggers are skipped under `session_replication_role = replica`
 * unless they are ENABLE ALWAYS.
 *
 * audit_anchors (signed heads of the log, see src/audit/anchors/) is
 * append-only in the same way.
 */
export class TamperProofEvents1764000000016 implements MigrationInterface {
  name = 'TamperProofEvents1764000000016';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`CREATE TABLE audit_anchors (
      position BIGINT NOT NULL,
      head_hash CHAR(64) NOT NULL,
      signed_at VARCHAR(30) NOT NULL,
      key_id VARCHAR(64) NOT NULL,
      signature TEXT NOT NULL,
      PRIMARY KEY (position, key_id, signed_at)
    )`);
    await q.query('CREATE INDEX audit_anchors_signed_at ON audit_anchors (signed_at)');
    if (pg) {
      await q.query(
        'CREATE TRIGGER audit_anchors_no_update_delete BEFORE UPDATE OR DELETE ON audit_anchors FOR EACH ROW EXECUTE FUNCTION events_append_only()',
      );
      await q.query(
        'CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()',
      );
      for (const [table, trigger] of [
        ['events', 'events_no_update_delete'],
        ['events', 'events_no_truncate'],
        ['audit_anchors', 'audit_anchors_no_update_delete'],
        ['audit_anchors', 'audit_anchors_no_truncate'],
      ]) {
        await q.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${trigger}`);
      }
      return;
    }
    await q.query(`CREATE TRIGGER events_no_replace BEFORE INSERT ON events
      WHEN EXISTS (SELECT 1 FROM events WHERE position = NEW.position OR (stream_id = NEW.stream_id AND stream_version = NEW.stream_version))
      BEGIN SELECT RAISE(ABORT, 'events are append-only: replacing a stored event refused'); END`);
    await q.query(`CREATE TRIGGER audit_anchors_no_replace BEFORE INSERT ON audit_anchors
      WHEN EXISTS (SELECT 1 FROM audit_anchors WHERE position = NEW.position AND key_id = NEW.key_id AND signed_at = NEW.signed_at)
      BEGIN SELECT RAISE(ABORT, 'anchors are append-only: replacing an anchor refused'); END`);
    await q.query(`CREATE TRIGGER audit_anchors_no_update BEFORE UPDATE ON audit_anchors
      BEGIN SELECT RAISE(ABORT, 'anchors are append-only: UPDATE refused'); END`);
    await q.query(`CREATE TRIGGER audit_anchors_no_delete BEFORE DELETE ON audit_anchors
      BEGIN SELECT RAISE(ABORT, 'anchors are append-only: DELETE refused'); END`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The anchors are kept, as the events are: a migration never drops the evidence.
    if (q.connection.options.type === 'postgres') {
      for (const trigger of ['events_no_update_delete', 'events_no_truncate']) await q.query(`ALTER TABLE events ENABLE TRIGGER ${trigger}`);
    } else {
      await q.query('DROP TRIGGER events_no_replace');
    }
  }
}
