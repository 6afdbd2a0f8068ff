import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The vocabulary of file kinds as of this migration (frozen here; the code's list may grow). */
const FILE_KINDS = [
  'order',
  'decision',
  'request',
  'protocol',
  'photo',
  'correspondence',
  'receipt',
  'other',
];

/**
 * Documents in the case file: the order itself, photos, correspondence.
 *
 * Content is stored once per SHA-256 (file_contents), in chunks of at most 512 KiB
 * (file_content_chunks), so that neither PostgreSQL nor the embedded database ever holds a whole
 * file in one value. Chunks are written under a fresh upload id while the upload streams in; the
 * content row then points at that upload id, or, when the same bytes are already stored, the new
 * chunks are deleted in the same transaction.
 *
 * A file (case_files) belongs to a case, optionally to one of its parts, and has versions
 * (case_file_versions), each pointing at its content: a corrected scan is a new version, the old
 * one stays. Nothing here is ever updated: no version column, no updated_at.
 */
export class Files1763900000012 implements MigrationInterface {
  name = 'Files1763900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE file_contents (
        sha256 bytea PRIMARY KEY CHECK (octet_length(sha256) = 32),
        size bigint NOT NULL CHECK (size > 0),
        media_type text NOT NULL,
        upload_id uuid NOT NULL UNIQUE,
        chunk_count integer NOT NULL CHECK (chunk_count > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE file_content_chunks (
        upload_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (upload_id, seq)
      );
      CREATE TABLE case_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${FILE_KINDS.map((k) => `'${k}'`).join(', ')})),
        privileged boolean NOT NULL DEFAULT false,
        part_type text,
        part_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        CHECK ((part_type IS NULL) = (part_id IS NULL))
      );
      CREATE INDEX case_files_case_idx ON case_files (case_id, created_at, id);
      CREATE TABLE case_file_versions (
        file_id uuid NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        sha256 bytea NOT NULL REFERENCES file_contents(sha256),
        original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        uploaded_by_label text NOT NULL,
        PRIMARY KEY (file_id, version)
      );
      CREATE INDEX case_file_versions_sha256_idx ON case_file_versions (sha256);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE case_file_versions;
      DROP TABLE case_files;
      DROP TABLE file_content_chunks;
      DROP TABLE file_contents;
    `);
  }
}
