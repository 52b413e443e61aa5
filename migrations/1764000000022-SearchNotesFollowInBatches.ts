import type { MigrationInterface, QueryRunner } from 'typeorm';
import { stemText } from '../src/kernel/swedish-stem';

/**
 * On SQLite a progress note's search entry is no longer written in the
 * append's transaction: the search index's batches copy it from
 * rm_action_updates (src/search/search-index.ts). `notes_upto` is the highest
 * rm_action_updates rowid they have passed; every note has its entry today, so
 * it starts at the highest. A rebuild empties rm_action_updates and numbers
 * its rows anew, so emptying it sets the cursor back to 0 (the batches pass
 * over notes whose entry is there). Rowids are kept by the online backup
 * (`npm run backup`); a manual VACUUM may renumber them, and a rebuild then
 * brings the search back in step. PostgreSQL is unchanged.
 */
export class SearchNotesFollowInBatches1764000000022 implements MigrationInterface {
  name = 'SearchNotesFollowInBatches1764000000022';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') return;
    await q.query('ALTER TABLE search_fts_indexed ADD COLUMN notes_upto INTEGER NOT NULL DEFAULT 0');
    await q.query('UPDATE search_fts_indexed SET notes_upto = (SELECT COALESCE(MAX(rowid), 0) FROM rm_action_updates)');
    await q.query(
      'CREATE TRIGGER rm_action_updates_renumbered AFTER DELETE ON rm_action_updates WHEN (SELECT notes_upto FROM search_fts_indexed) > 0 ' +
        'BEGIN UPDATE search_fts_indexed SET notes_upto = 0; END',
    );
  }

  /**
   * Back to every note's entry written with it: the notes not yet copied get their entries first,
   * made here as the search index makes them (search-entries.ts) on the day of this migration, so
   * that it does what it did whatever the app's code becomes.
   */
  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') return;
    const notes: Array<{ recommendation_id: string; action_id: string; seq: number; note: string; retracted: number }> = await q.query(
      'SELECT u.recommendation_id, u.action_id, u.seq, u.note, u.retracted_at IS NOT NULL AS retracted FROM rm_action_updates u ' +
        'WHERE u.rowid > (SELECT notes_upto FROM search_fts_indexed) AND NOT EXISTS (SELECT 1 FROM search_entries s ' +
        "WHERE s.recommendation_id = u.recommendation_id AND s.kind = 'note' AND s.action_id = u.action_id AND s.seq = u.seq) ORDER BY u.rowid",
    );
    for (const n of notes) {
      await q.query("INSERT INTO search_entries (recommendation_id, kind, action_id, seq, title, body, stems, retracted) VALUES (?, 'note', ?, ?, '', ?, ?, ?)", [
        n.recommendation_id,
        n.action_id,
        n.seq,
        n.note,
        stemText(` ${n.note}`),
        n.retracted,
      ]);
    }
    await q.query('DROP TRIGGER rm_action_updates_renumbered');
    await q.query('ALTER TABLE search_fts_indexed DROP COLUMN notes_upto');
  }
}
