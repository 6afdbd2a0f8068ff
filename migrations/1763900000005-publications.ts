import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published statements and transparency reports: immutable snapshots.
 *
 * A publication is one revision of a series (a statement of one case in one language, or the
 * transparency report of one period in one language). Its PDF, JSON and CSV are stored as the
 * bytes that were published, each with its SHA-256, so that a download today is the file of the
 * day it was published. Publishing again adds a revision; nothing is ever changed or deleted: a
 * trigger refuses UPDATE, DELETE and TRUNCATE, as for the audit trail.
 *
 * published_by has no foreign key on purpose: a key with ON DELETE would have to change the row.
 */
export class Publications1763900000005 implements MigrationInterface {
  name = 'Publications1763900000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('statement', 'transparency_report')),
        series text NOT NULL CHECK (length(series) BETWEEN 1 AND 200),
        revision integer NOT NULL CHECK (revision >= 1),
        title text NOT NULL,
        language text NOT NULL CHECK (language IN ('en', 'de')),
        case_id uuid REFERENCES cases (id),
        period_from timestamptz,
        period_to timestamptz,
        period_label text,
        published_at timestamptz NOT NULL,
        published_by uuid NOT NULL,
        revision_note text,
        pdf bytea NOT NULL,
        pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        json bytea NOT NULL,
        json_sha256 text NOT NULL CHECK (json_sha256 ~ '^[0-9a-f]{64}$'),
        csv bytea NOT NULL,
        csv_sha256 text NOT NULL CHECK (csv_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT publications_series_revision_key UNIQUE (series, revision),
        CONSTRAINT publications_shape_check CHECK (
          (kind = 'statement' AND case_id IS NOT NULL AND period_from IS NULL)
          OR (kind = 'transparency_report' AND case_id IS NULL AND period_from IS NOT NULL
              AND period_to > period_from AND period_label IS NOT NULL))
      );
      CREATE INDEX publications_published_idx ON publications (published_at DESC, id);
      CREATE INDEX publications_case_idx ON publications (case_id) WHERE case_id IS NOT NULL;

      CREATE FUNCTION publications_immutable() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'publications are immutable: publish a new revision instead (%)', TG_OP;
      END
      $fn$;
      CREATE TRIGGER publications_immutable BEFORE UPDATE OR DELETE ON publications
        FOR EACH ROW EXECUTE FUNCTION publications_immutable();
      CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON publications
        FOR EACH STATEMENT EXECUTE FUNCTION publications_immutable();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE publications;
      DROP FUNCTION publications_immutable();
    `);
  }
}
