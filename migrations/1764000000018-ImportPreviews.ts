import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * import_previews: the rows of a file a secretary previewed on the import
 * page, kept for an hour so "Importera" applies exactly what the preview
 * showed, on whichever instance the next request lands. The row names the
 * user, so no one else can apply it; it is deleted once applied.
 */
export class ImportPreviews1764000000018 implements MigrationInterface {
  name = 'ImportPreviews1764000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE import_previews (
      id VARCHAR(36) PRIMARY KEY,
      user_id VARCHAR(36) NOT NULL,
      review_id VARCHAR(36) NOT NULL,
      rows_json TEXT NOT NULL,
      expires_at VARCHAR(30) NOT NULL
    )`);
    await q.query('CREATE INDEX import_previews_expires ON import_previews (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_previews');
  }
}
