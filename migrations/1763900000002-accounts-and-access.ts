import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, their tokens, restricted cases with their members, and the lawyers' parts of a case. */
export class AccountsAndAccess1763900000002 implements MigrationInterface {
  name = 'AccountsAndAccess1763900000002';

  async up(q: QueryRunner): Promise<void> {
    const record = `
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1`;
    await q.query(`
      CREATE TABLE users (${record},
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('admin', 'board', 'lawyer', 'auditor')),
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        CONSTRAINT users_email_key UNIQUE (email)
      );

      CREATE TABLE access_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('session', 'api')),
        name text,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz
      );
      CREATE INDEX access_tokens_user_idx ON access_tokens (user_id) WHERE revoked_at IS NULL;

      ALTER TABLE cases ADD COLUMN restricted boolean NOT NULL DEFAULT false;
      CREATE INDEX cases_restricted_idx ON cases (id) WHERE restricted;

      CREATE TABLE case_members (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        added_by uuid REFERENCES users (id) ON DELETE SET NULL,
        PRIMARY KEY (case_id, user_id)
      );
      CREATE INDEX case_members_user_idx ON case_members (user_id, case_id);

      CREATE TABLE legal_notes (${record},
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        topic text NOT NULL CHECK (topic IN ('formal_correctness', 'proportionality', 'scope', 'legal_basis', 'deadlines', 'remedies', 'disclosure', 'other')),
        body text NOT NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL
      );
      CREATE INDEX legal_notes_case_idx ON legal_notes (case_id);

      CREATE TABLE remedies (${record},
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('complaint', 'court_decision', 'objection', 'disciplinary_complaint', 'criminal_complaint', 'refusal_grounds', 'other')),
        legal_basis text,
        filed_at timestamptz,
        decided_at timestamptz,
        result text NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'granted', 'partly_granted', 'dismissed', 'withdrawn')),
        notes text,
        CHECK (decided_at IS NULL OR filed_at IS NULL OR decided_at >= filed_at)
      );
      CREATE INDEX remedies_case_idx ON remedies (case_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE remedies, legal_notes, case_members, access_tokens, users;
      ALTER TABLE cases DROP COLUMN restricted;
    `);
  }
}
