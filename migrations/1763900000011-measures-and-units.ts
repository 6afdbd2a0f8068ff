import type { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Cases as they are: several measures per case, a legal basis whose provision was not named,
 * authorities that only commented or were informed (and an executing unit not known), the
 * organisation's units, and the owner and data volume of what was affected.
 *
 * Existing data carries over: every case gets one measure of its request type, with its legal
 * basis, ordering and executing authority where the case holds exactly one of each.
 * Value lists are frozen here on purpose, not imported.
 */
export class MeasuresAndUnits1763900000011 implements MigrationInterface {
  name = 'MeasuresAndUnits1763900000011';

  async up(q: QueryRunner): Promise<void> {
    const record = `
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1`;
    const requestTypes = inList([
      'search_and_seizure',
      'server_seizure',
      'preservation',
      'production_subscriber_data',
      'production_traffic_data',
      'production_content_data',
      'interception',
      'mutual_legal_assistance',
      'european_investigation_order',
      'e_evidence_production_order',
      'e_evidence_preservation_order',
      'takedown',
      'abuse_complaint',
      'informal_request',
      'other',
    ]);
    await q.query(`
      CREATE TABLE org_units (${record},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN (${inList(['federal', 'state', 'regional', 'customer', 'other'])})),
        parent_id uuid REFERENCES org_units (id) ON DELETE RESTRICT,
        notes text,
        CHECK (parent_id IS NULL OR parent_id <> id),
        CONSTRAINT org_units_name_key UNIQUE NULLS NOT DISTINCT (parent_id, name)
      );
      CREATE INDEX org_units_parent_idx ON org_units (parent_id);

      ALTER TABLE cases ADD COLUMN unit_id uuid REFERENCES org_units (id) ON DELETE RESTRICT;
      CREATE INDEX cases_unit_received_idx ON cases (unit_id, received_at, id);
      DROP INDEX cases_report_id_idx;
      CREATE INDEX cases_report_id_idx ON cases (id)
        INCLUDE (received_at, request_type, status, outcome, restricted, embargo_until, user_notification_required, user_notified_at, unit_id);

      ALTER TABLE legal_bases ALTER COLUMN citation DROP NOT NULL;
      ALTER TABLE legal_bases ADD COLUMN not_stated boolean NOT NULL DEFAULT false;
      ALTER TABLE legal_bases ADD CONSTRAINT legal_bases_citation_or_not_stated
        CHECK ((citation IS NULL) = not_stated);

      ALTER TABLE case_authorities DROP CONSTRAINT case_authorities_role_check;
      ALTER TABLE case_authorities ADD CONSTRAINT case_authorities_role_check
        CHECK (role IN (${inList(['issuing', 'requesting', 'central', 'validating', 'executing', 'court', 'commenting', 'informed'])}));
      ALTER TABLE case_authorities ALTER COLUMN authority_id DROP NOT NULL;
      ALTER TABLE case_authorities ADD CONSTRAINT case_authorities_unknown_only_executing
        CHECK (authority_id IS NOT NULL OR role = 'executing');

      CREATE TABLE measures (${record},
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN (${requestTypes})),
        legal_basis_id uuid REFERENCES legal_bases (id),
        ordered_by_id uuid REFERENCES authorities (id) ON DELETE RESTRICT,
        executed_by_id uuid REFERENCES authorities (id) ON DELETE RESTRICT,
        ordered_at timestamptz,
        notes text
      );
      CREATE INDEX measures_case_idx ON measures (case_id) INCLUDE (type);
      CREATE INDEX measures_legal_basis_idx ON measures (legal_basis_id);

      INSERT INTO measures (case_id, type, legal_basis_id, ordered_by_id, executed_by_id, ordered_at, created_at, updated_at)
      SELECT c.id, c.request_type, lb.id, ob.authority_id, eb.authority_id, lb.issued_at, c.created_at, c.updated_at
        FROM cases c
        LEFT JOIN (SELECT case_id, (array_agg(id))[1] AS id, (array_agg(issued_at))[1] AS issued_at
                     FROM legal_bases GROUP BY case_id HAVING count(*) = 1) lb ON lb.case_id = c.id
        LEFT JOIN (SELECT case_id, (array_agg(authority_id))[1] AS authority_id
                     FROM case_authorities WHERE role = 'issuing' GROUP BY case_id HAVING count(*) = 1) ob ON ob.case_id = c.id
        LEFT JOIN (SELECT case_id, (array_agg(authority_id))[1] AS authority_id
                     FROM case_authorities WHERE role = 'executing' GROUP BY case_id HAVING count(*) = 1) eb ON eb.case_id = c.id;

      ALTER TABLE inventory_items ADD COLUMN owner text CHECK (length(owner) BETWEEN 1 AND 300);
      ALTER TABLE affected_systems ADD COLUMN data_volume_bytes bigint CHECK (data_volume_bytes >= 0);
      ALTER TABLE disclosures ADD COLUMN data_volume_bytes bigint CHECK (data_volume_bytes >= 0);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE disclosures DROP COLUMN data_volume_bytes;
      ALTER TABLE affected_systems DROP COLUMN data_volume_bytes;
      ALTER TABLE inventory_items DROP COLUMN owner;
      DROP TABLE measures;
      DELETE FROM case_authorities WHERE authority_id IS NULL OR role IN ('commenting', 'informed');
      ALTER TABLE case_authorities DROP CONSTRAINT case_authorities_unknown_only_executing;
      ALTER TABLE case_authorities ALTER COLUMN authority_id SET NOT NULL;
      ALTER TABLE case_authorities DROP CONSTRAINT case_authorities_role_check;
      ALTER TABLE case_authorities ADD CONSTRAINT case_authorities_role_check
        CHECK (role IN (${inList(['issuing', 'requesting', 'central', 'validating', 'executing', 'court'])}));
      ALTER TABLE legal_bases DROP CONSTRAINT legal_bases_citation_or_not_stated;
      DELETE FROM legal_bases WHERE not_stated;
      ALTER TABLE legal_bases DROP COLUMN not_stated;
      ALTER TABLE legal_bases ALTER COLUMN citation SET NOT NULL;
      DROP INDEX cases_report_id_idx;
      CREATE INDEX cases_report_id_idx ON cases (id)
        INCLUDE (received_at, request_type, status, outcome, restricted, embargo_until, user_notification_required, user_notified_at);
      DROP INDEX cases_unit_received_idx;
      ALTER TABLE cases DROP COLUMN unit_id;
      DROP TABLE org_units;
    `);
  }
}
