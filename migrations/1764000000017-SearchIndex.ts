import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search index (src/search/search.projection.ts): a row per searchable
 * text (a recommendation, an action, a progress note; comments later), with
 * its words stemmed in Swedish. SQLite searches the stems with FTS5 (kept in
 * step with the rows by triggers, over an integer key VACUUM cannot renumber);
 * PostgreSQL searches the text itself with its `swedish` configuration: a
 * stored tsvector of title and body, with a GIN index. Empty until `npm run
 * projections:rebuild` on a database that already holds recommendations.
 */
export class SearchIndex1764000000017 implements MigrationInterface {
  name = 'SearchIndex1764000000017';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type !== 'postgres';
    const columns =
      'recommendation_id VARCHAR(36) NOT NULL, kind VARCHAR(20) NOT NULL, action_id VARCHAR(36) NOT NULL, seq INTEGER NOT NULL, ' +
      'title TEXT NOT NULL, body TEXT NOT NULL, stems TEXT NOT NULL, retracted INTEGER NOT NULL DEFAULT 0';
    if (sqlite) {
      await q.query(`CREATE TABLE search_entries (entry_id INTEGER PRIMARY KEY, ${columns}, UNIQUE (recommendation_id, kind, action_id, seq))`);
      await q.query("CREATE VIRTUAL TABLE search_fts USING fts5(stems, content='search_entries', content_rowid='entry_id', tokenize='unicode61 remove_diacritics 0')");
      await q.query('CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN INSERT INTO search_fts (rowid, stems) VALUES (new.entry_id, new.stems); END');
      await q.query(
        "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN INSERT INTO search_fts (search_fts, rowid, stems) VALUES ('delete', old.entry_id, old.stems); END",
      );
      await q.query(
        "CREATE TRIGGER search_entries_au AFTER UPDATE OF stems ON search_entries BEGIN INSERT INTO search_fts (search_fts, rowid, stems) VALUES ('delete', old.entry_id, old.stems); " +
          'INSERT INTO search_fts (rowid, stems) VALUES (new.entry_id, new.stems); END',
      );
    } else {
      // Stored, so ranking reads it rather than stemming every match's text again: 1.4 s for 61,000 matches otherwise.
      await q.query(
        `CREATE TABLE search_entries (${columns}, words TSVECTOR GENERATED ALWAYS AS (to_tsvector('swedish', title || ' ' || body)) STORED, PRIMARY KEY (recommendation_id, kind, action_id, seq))`,
      );
      await q.query('CREATE INDEX search_entries_words ON search_entries USING GIN (words)');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') {
      await q.query('DROP TRIGGER search_entries_au');
      await q.query('DROP TRIGGER search_entries_ad');
      await q.query('DROP TRIGGER search_entries_ai');
      await q.query('DROP TABLE search_fts');
    }
    await q.query('DROP TABLE search_entries');
  }
}
