import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: an append-only table of events and one of signed checkpoints.
 *
 * Writers insert events unsequenced (seq and chain_hash NULL) with the leaf_hash computed by the
 * application; the sequencer later sets seq (contiguous from 1) and chain_hash, once. Triggers
 * reject every other UPDATE, every DELETE and TRUNCATE, and inserts that claim a position.
 * Names are unqualified: the tables land in the current schema (tests use one per file).
 *
 * action is deliberately not a CHECK list: an unknown action must never make a write fail.
 */
export class AuditTrail1763900000001 implements MigrationInterface {
  name = 'AuditTrail1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint CONSTRAINT audit_events_seq_key UNIQUE CHECK (seq >= 1),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid,
        actor_label text NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid,
        case_id uuid,
        changes jsonb,
        details jsonb,
        request_id text,
        client_address text,
        leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
        chain_hash bytea CHECK (length(chain_hash) = 32),
        CONSTRAINT audit_events_sequenced_check CHECK ((seq IS NULL) = (chain_hash IS NULL))
      );
      COMMENT ON TABLE audit_events IS 'Append-only, hash-chained audit trail; see src/audit/audit-hash.ts for what the hashes cover.';
      CREATE INDEX audit_events_case_idx ON audit_events (case_id, seq);
      CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, seq);
      CREATE INDEX audit_events_action_idx ON audit_events (action, seq);
      CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at);
      CREATE INDEX audit_events_unsequenced_idx ON audit_events (occurred_at, id) WHERE seq IS NULL;

      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        placed audit_events;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.seq IS NOT NULL OR NEW.chain_hash IS NOT NULL THEN
            RAISE EXCEPTION 'audit_events: a new record has no position yet; seq and chain_hash are set by the sequencer';
          END IF;
          RETURN NEW;
        ELSIF TG_OP = 'UPDATE' THEN
          -- The one permitted change: the sequencer places an unsequenced record, once, touching nothing
          -- else: the old row with only seq and chain_hash set must equal the new row, column by column
          -- (every column, including any a later migration adds).
          IF OLD.seq IS NULL AND OLD.chain_hash IS NULL AND NEW.seq IS NOT NULL AND NEW.chain_hash IS NOT NULL THEN
            placed := OLD;
            placed.seq := NEW.seq;
            placed.chain_hash := NEW.chain_hash;
            IF placed IS NOT DISTINCT FROM NEW THEN
              RETURN NEW;
            END IF;
          END IF;
          RAISE EXCEPTION 'audit_events is append-only: a record cannot be changed';
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: records cannot be deleted (%)', TG_OP;
      END
      $fn$;
      CREATE TRIGGER audit_events_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

      CREATE TABLE audit_checkpoints (
        size bigint PRIMARY KEY CHECK (size >= 1),
        root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
        signed_at timestamptz NOT NULL,
        signature bytea NOT NULL CHECK (length(signature) = 64),
        key_id text NOT NULL
      );
      COMMENT ON TABLE audit_checkpoints IS 'Signed (Ed25519) Merkle roots of the audit trail; append-only.';

      CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoints is append-only (%)', TG_OP;
      END
      $fn$;
      CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
        FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
        FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_checkpoints;
      DROP FUNCTION audit_checkpoints_append_only();
      DROP TABLE audit_events;
      DROP FUNCTION audit_events_append_only();
    `);
  }
}
