import type { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
const STATUSES = inList([
  'received',
  'under_review',
  'responded',
  'challenged',
  'closed',
  'withdrawn',
]);

/**
 * 1. Status changes as data. Reports counted them by matching the text of timeline events
 *    ("Status changed from <old> to <new>…"), which the board can edit or delete. The status route
 *    now writes case_status_changes in the same transaction; nobody edits it (append-only, like
 *    the audit trail). Existing status-change events are copied over as they read now.
 *
 * 2. A copy of the audit trail's leaf hashes as they were when a checkpoint was signed, one row
 *    per checkpoint with the leaves it added, concatenated. It proves nothing by itself: when a
 *    signed root no longer matches the records, a copy whose root is the signed root is authentic,
 *    and it names the first record that differs. A copy an attacker rewrote too does not reproduce
 *    the signed root, and is then ignored.
 */
export class StatusHistoryAndAuditLeaves1763900000007 implements MigrationInterface {
  name = 'StatusHistoryAndAuditLeaves1763900000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        from_status text NOT NULL CHECK (from_status IN (${STATUSES})),
        to_status text NOT NULL CHECK (to_status IN (${STATUSES})),
        changed_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid
      );
      COMMENT ON TABLE case_status_changes IS 'Every status change of a case, written by the status route; append-only. Reports count from it.';
      CREATE INDEX case_status_changes_case_idx ON case_status_changes (case_id, changed_at);
      CREATE INDEX case_status_changes_to_idx ON case_status_changes (to_status, case_id);

      CREATE FUNCTION case_status_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'case_status_changes is append-only (%)', TG_OP;
      END
      $fn$;
      CREATE TRIGGER case_status_changes_append_only BEFORE UPDATE OR DELETE ON case_status_changes
        FOR EACH ROW EXECUTE FUNCTION case_status_changes_append_only();
      CREATE TRIGGER case_status_changes_no_truncate BEFORE TRUNCATE ON case_status_changes
        FOR EACH STATEMENT EXECUTE FUNCTION case_status_changes_append_only();

      INSERT INTO case_status_changes (case_id, from_status, to_status, changed_at, recorded_at)
      SELECT te.case_id, m[1], m[2], te.occurred_at, te.created_at
        FROM timeline_events te
       CROSS JOIN LATERAL regexp_match(te.description, '^Status changed from ([a-z_]+) to ([a-z_]+)[.:]') AS m
       WHERE te.type = 'status_changed' AND m[1] IN (${STATUSES}) AND m[2] IN (${STATUSES});

      DROP INDEX timeline_events_challenged_idx;

      CREATE TABLE audit_leaf_copies (
        first_seq bigint PRIMARY KEY CHECK (first_seq >= 1),
        last_seq bigint NOT NULL CHECK (last_seq >= first_seq),
        leaves bytea NOT NULL CHECK (length(leaves) = 32 * (last_seq - first_seq + 1))
      );
      COMMENT ON TABLE audit_leaf_copies IS 'Leaf hashes of the audit trail as signed, per checkpoint; see src/audit/audit-verifier.ts.';
      CREATE FUNCTION audit_leaf_copies_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'audit_leaf_copies is append-only (%)', TG_OP;
      END
      $fn$;
      CREATE TRIGGER audit_leaf_copies_append_only BEFORE UPDATE OR DELETE ON audit_leaf_copies
        FOR EACH ROW EXECUTE FUNCTION audit_leaf_copies_append_only();
      CREATE TRIGGER audit_leaf_copies_no_truncate BEFORE TRUNCATE ON audit_leaf_copies
        FOR EACH STATEMENT EXECUTE FUNCTION audit_leaf_copies_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_leaf_copies;
      DROP FUNCTION audit_leaf_copies_append_only();
      CREATE INDEX timeline_events_challenged_idx ON timeline_events (case_id)
        WHERE type = 'status_changed' AND description ~ '^Status changed from [a-z_]+ to challenged[.:]';
      DROP TABLE case_status_changes;
      DROP FUNCTION case_status_changes_append_only();
    `);
  }
}
