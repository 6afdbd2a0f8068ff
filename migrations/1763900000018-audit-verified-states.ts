import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incremental audit verification: each successful verification keeps the state of the log at the
 * latest signed checkpoint it matched (the Merkle frontier and the chain hash there), so that the
 * next one can check only the records added since (`audit:verify --since-verified`).
 *
 * Nothing here is trusted as such: a verification that starts from a row checks that its frontier
 * reproduces the root of the signed checkpoint of that size and that its chain hash is the stored
 * record's. A row deleted only makes the next verification a full one; no trigger is needed.
 */
export class AuditVerifiedStates1763900000018 implements MigrationInterface {
  name = 'AuditVerifiedStates1763900000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_verified_states (
        size bigint PRIMARY KEY CHECK (size >= 1),
        frontier bytea NOT NULL CHECK (length(frontier) % 32 = 0),
        chain_hash bytea NOT NULL CHECK (length(chain_hash) = 32),
        verified_at timestamptz NOT NULL DEFAULT now(),
        records_read bigint NOT NULL CHECK (records_read >= 0)
      );
      COMMENT ON TABLE audit_verified_states IS
        'State of the audit log (Merkle frontier, chain hash) at checkpoints a verification matched; see src/audit/audit-verifier.ts.';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_verified_states');
  }
}
