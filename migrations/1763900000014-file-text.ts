import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Searchable text of stored files: one row per content (SHA-256), so identical content is read
 * once. The row is also the job: `pending` rows are taken by the background extraction with FOR
 * UPDATE SKIP LOCKED (several instances take different rows); taking one pushes `run_after` out by
 * a lease, so a row whose instance died becomes due again, and a failed attempt waits with a
 * growing backoff until `failed`. `search` is the text as a tsvector (simple, German and English,
 * without positions) under a GIN index; the case list joins it to the files a caller may see.
 * Contents stored before this migration are queued for extraction.
 */
export class FileText1763900000014 implements MigrationInterface {
  name = 'FileText1763900000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE file_texts (
        sha256 bytea PRIMARY KEY REFERENCES file_contents(sha256) ON DELETE CASCADE,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        run_after timestamptz NOT NULL DEFAULT now(),
        last_error text,
        method text CHECK (method IN ('plain', 'text_layer', 'ocr', 'text_layer_and_ocr', 'none')),
        content text,
        search tsvector,
        extracted_at timestamptz
      );
      CREATE INDEX file_texts_due_idx ON file_texts (run_after) WHERE state = 'pending';
      CREATE INDEX file_texts_search_idx ON file_texts USING gin (search);
      INSERT INTO file_texts (sha256) SELECT sha256 FROM file_contents;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE file_texts');
  }
}
