import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Redacted public copies: a file of the case made from one version of another file, with the
 * marked areas burned in (pages re-rendered as images). The copy is an ordinary file of the case
 * (case_files, one version); this table links it to its source and keeps the rules it was made by.
 */
export class RedactedCopies1763900000016 implements MigrationInterface {
  name = 'RedactedCopies1763900000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE redacted_copies (
        file_id uuid PRIMARY KEY REFERENCES case_files(id) ON DELETE CASCADE,
        source_file_id uuid NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
        source_version integer NOT NULL CHECK (source_version >= 1),
        rules jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX redacted_copies_source_idx ON redacted_copies (source_file_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE redacted_copies');
  }
}
