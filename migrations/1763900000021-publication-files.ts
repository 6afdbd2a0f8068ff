import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Redacted copies published with a statement. Each row pins one version of a redacted copy of
 * the statement's case (its content by SHA-256) with the name, kind, size and type it was
 * published with, so that a revision keeps its own list whatever happens to the case's files
 * later. Like publications, the rows are never changed or deleted (the same trigger function).
 */
export class PublicationFiles1763900000021 implements MigrationInterface {
  name = 'PublicationFiles1763900000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publication_files (
        publication_id uuid NOT NULL REFERENCES publications (id),
        position integer NOT NULL CHECK (position >= 1),
        file_id uuid NOT NULL REFERENCES case_files (id),
        version integer NOT NULL CHECK (version >= 1),
        sha256 bytea NOT NULL REFERENCES file_contents (sha256),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        kind text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        media_type text NOT NULL,
        PRIMARY KEY (publication_id, position),
        CONSTRAINT publication_files_file_key UNIQUE (publication_id, file_id)
      );
      CREATE INDEX publication_files_file_idx ON publication_files (file_id);
      CREATE TRIGGER publication_files_immutable BEFORE UPDATE OR DELETE ON publication_files
        FOR EACH ROW EXECUTE FUNCTION publications_immutable();
      CREATE TRIGGER publication_files_no_truncate BEFORE TRUNCATE ON publication_files
        FOR EACH STATEMENT EXECUTE FUNCTION publications_immutable();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE publication_files');
  }
}
