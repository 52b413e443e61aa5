import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The triggers that take an entry out of the full-text index, or index it again, when it is deleted or its stems change; `when` limits them. */
const triggers = (when: string) => [
  `CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries ${when}BEGIN INSERT INTO search_fts (search_fts, rowid, stems) VALUES ('delete', old.entry_id, old.stems); END`,
  `CREATE TRIGGER search_entries_au AFTER UPDATE OF stems ON search_entries ${when}BEGIN INSERT INTO search_fts (search_fts, rowid, stems) VALUES ('delete', old.entry_id, old.stems); ` +
    'INSERT INTO search_fts (rowid, stems) VALUES (new.entry_id, new.stems); END',
];

/**
 * SQLite's full-text index of the search (search_fts) stops following
 * search_entries row by row in the append's transaction and follows it in
 * batches (src/search/search-index.ts): `search_fts_indexed.upto` is the
 * highest entry_id the index holds. A new entry is no longer indexed by a
 * trigger; an entry already indexed is still taken out of the index, or
 * indexed again, by the delete and update triggers, and one not yet indexed
 * is left to the next batch. Every entry is indexed today, so `upto` starts
 * at the highest one. PostgreSQL (a stored tsvector with a GIN index) is
 * unchanged.
 */
export class SearchIndexFollowsInBatches1764000000021 implements MigrationInterface {
  name = 'SearchIndexFollowsInBatches1764000000021';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') return;
    await q.query('CREATE TABLE search_fts_indexed (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL)');
    await q.query('INSERT INTO search_fts_indexed (id, upto) SELECT 1, COALESCE(MAX(entry_id), 0) FROM search_entries');
    await q.query('DROP TRIGGER search_entries_ai');
    await q.query('DROP TRIGGER search_entries_ad');
    await q.query('DROP TRIGGER search_entries_au');
    for (const trigger of triggers('WHEN old.entry_id <= (SELECT upto FROM search_fts_indexed) ')) await q.query(trigger);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') return;
    await q.query('INSERT INTO search_fts (rowid, stems) SELECT entry_id, stems FROM search_entries WHERE entry_id > (SELECT upto FROM search_fts_indexed) ORDER BY entry_id');
    await q.query('DROP TRIGGER search_entries_au');
    await q.query('DROP TRIGGER search_entries_ad');
    await q.query('DROP TABLE search_fts_indexed');
    await q.query('CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN INSERT INTO search_fts (rowid, stems) VALUES (new.entry_id, new.stems); END');
    for (const trigger of triggers('')) await q.query(trigger);
  }
}
