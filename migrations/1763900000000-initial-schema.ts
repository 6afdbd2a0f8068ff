import type { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The case tracker's first schema. Enumerations are CHECK constraints on text columns (easy to
 * extend in a later migration); the value lists are frozen here on purpose, not imported.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const record = `
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1`;
    const part = `${record},
      case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE`;

    await q.query(`
      CREATE TABLE authorities (${record},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        kind text NOT NULL CHECK (kind IN (${inList(['police', 'prosecutor', 'court', 'ministry', 'central_authority', 'foreign_authority', 'intelligence', 'other'])})),
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        jurisdiction text,
        notes text,
        CONSTRAINT authorities_name_country_key UNIQUE (name, country)
      );
      CREATE INDEX authorities_country_idx ON authorities (country);

      CREATE TABLE inventory_items (${record},
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN (${inList(['physical_server', 'virtual_server', 'service', 'storage', 'network', 'device', 'other'])})),
        location text,
        provider text,
        services text[] NOT NULL DEFAULT '{}',
        identifiers text[] NOT NULL DEFAULT '{}',
        users_served integer CHECK (users_served >= 0),
        notes text
      );

      CREATE TABLE cases (${record},
        reference text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        summary text NOT NULL DEFAULT '',
        request_type text NOT NULL CHECK (request_type IN (${inList(['search_and_seizure', 'server_seizure', 'preservation', 'production_subscriber_data', 'production_traffic_data', 'production_content_data', 'interception', 'mutual_legal_assistance', 'european_investigation_order', 'e_evidence_production_order', 'e_evidence_preservation_order', 'takedown', 'abuse_complaint', 'informal_request', 'other'])})),
        channel text CHECK (channel IN (${inList(['in_person', 'phone', 'fax', 'email', 'portal', 'post'])})),
        emergency boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN (${inList(['received', 'under_review', 'responded', 'challenged', 'closed', 'withdrawn'])})),
        outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN (${inList(['pending', 'produced_in_full', 'produced_in_part', 'none_no_data', 'none_refused', 'withdrawn'])})),
        nothing_handed_over boolean NOT NULL DEFAULT false,
        embargo_until timestamptz,
        user_notification_required boolean,
        user_notified_at timestamptz,
        user_notification_delay_reason text,
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple'::regconfig, reference || ' ' || title || ' ' || summary) ||
          to_tsvector('german'::regconfig, title || ' ' || summary) ||
          to_tsvector('english'::regconfig, title || ' ' || summary)
        ) STORED,
        CONSTRAINT cases_reference_key UNIQUE (reference)
      );
      CREATE INDEX cases_reference_prefix_idx ON cases (reference text_pattern_ops);
      CREATE INDEX cases_received_idx ON cases (received_at, id);
      CREATE INDEX cases_updated_idx ON cases (updated_at, id);
      CREATE INDEX cases_status_received_idx ON cases (status, received_at, id);
      CREATE INDEX cases_type_received_idx ON cases (request_type, received_at, id);
      CREATE INDEX cases_search_idx ON cases USING gin (search);

      CREATE TABLE case_authorities (${part},
        authority_id uuid NOT NULL REFERENCES authorities (id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN (${inList(['issuing', 'requesting', 'central', 'validating', 'executing', 'court'])})),
        file_number text,
        notes text,
        CONSTRAINT case_authorities_role_key UNIQUE (case_id, authority_id, role)
      );
      CREATE INDEX case_authorities_authority_idx ON case_authorities (authority_id, case_id);

      CREATE TABLE legal_bases (${part},
        jurisdiction text NOT NULL CHECK (jurisdiction ~ '^[A-Z]{2}$'),
        citation text NOT NULL CHECK (length(citation) BETWEEN 1 AND 200),
        document_type text NOT NULL CHECK (document_type IN (${inList(['order', 'decision', 'request', 'certificate', 'letter'])})),
        issued_at timestamptz,
        issued_by text CHECK (issued_by IN (${inList(['judge', 'urgency', 'other'])})),
        authority_id uuid REFERENCES authorities (id) ON DELETE RESTRICT,
        notes text
      );
      CREATE INDEX legal_bases_case_idx ON legal_bases (case_id);

      CREATE TABLE targets (${part},
        kind text NOT NULL CHECK (kind IN (${inList(['account', 'email_address', 'domain', 'url', 'ip_address', 'server', 'device', 'mailbox', 'service', 'other'])})),
        value text NOT NULL CHECK (length(value) BETWEEN 1 AND 500),
        period_from timestamptz,
        period_until timestamptz,
        data_categories text[] NOT NULL DEFAULT '{}',
        existence text NOT NULL DEFAULT 'unknown' CHECK (existence IN (${inList(['exists', 'never_existed', 'no_longer_exists', 'unknown'])})),
        inventory_item_id uuid REFERENCES inventory_items (id) ON DELETE RESTRICT,
        notes text,
        CHECK (period_until IS NULL OR period_from IS NULL OR period_until >= period_from)
      );
      CREATE INDEX targets_case_idx ON targets (case_id);
      CREATE INDEX targets_inventory_idx ON targets (inventory_item_id);

      CREATE TABLE affected_systems (${part},
        inventory_item_id uuid NOT NULL REFERENCES inventory_items (id) ON DELETE RESTRICT,
        impact text NOT NULL CHECK (impact IN (${inList(['seized', 'imaged', 'offline', 'accessed', 'none'])})),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        users_affected integer CHECK (users_affected >= 0),
        notes text,
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      );
      CREATE INDEX affected_systems_case_idx ON affected_systems (case_id);
      CREATE INDEX affected_systems_inventory_idx ON affected_systems (inventory_item_id);

      CREATE TABLE disclosures (${part},
        data_category text NOT NULL CHECK (data_category IN (${inList(['subscriber', 'traffic', 'content', 'ip_addresses', 'logs', 'metadata', 'other'])})),
        description text NOT NULL,
        accounts_count integer CHECK (accounts_count >= 0),
        items_count integer CHECK (items_count >= 0),
        handed_over_at timestamptz NOT NULL,
        recipient_authority_id uuid REFERENCES authorities (id) ON DELETE RESTRICT,
        recipient text,
        handover_reference text,
        sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$')
      );
      CREATE INDEX disclosures_case_idx ON disclosures (case_id);

      CREATE TABLE seized_items (${part},
        description text NOT NULL,
        serial_number text,
        disk_hashes jsonb NOT NULL DEFAULT '[]',
        in_official_inventory boolean,
        inventory_item_id uuid REFERENCES inventory_items (id) ON DELETE RESTRICT,
        seized_at timestamptz,
        returned_at timestamptz,
        condition_on_return text
      );
      CREATE INDEX seized_items_case_idx ON seized_items (case_id);

      CREATE TABLE timeline_events (${part},
        occurred_at timestamptz NOT NULL,
        type text NOT NULL CHECK (type IN (${inList(['received', 'authority_contact', 'search_started', 'systems_offline', 'data_copied', 'data_handed_over', 'items_seized', 'systems_restored', 'items_returned', 'statement_published', 'complaint_filed', 'legal_advice', 'status_changed', 'note'])})),
        description text NOT NULL,
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple'::regconfig, description) ||
          to_tsvector('german'::regconfig, description) ||
          to_tsvector('english'::regconfig, description)
        ) STORED
      );
      CREATE INDEX timeline_events_case_idx ON timeline_events (case_id, occurred_at);
      CREATE INDEX timeline_events_search_idx ON timeline_events USING gin (search);

      CREATE TABLE deadlines (${part},
        kind text NOT NULL CHECK (kind IN (${inList(['response', 'production', 'emergency_production', 'preservation_expiry', 'complaint', 'court_review', 'gag_review', 'user_notification', 'internal', 'other'])})),
        due_at timestamptz NOT NULL,
        done_at timestamptz,
        notes text
      );
      CREATE INDEX deadlines_case_idx ON deadlines (case_id);
      CREATE INDEX deadlines_open_idx ON deadlines (due_at, case_id) WHERE done_at IS NULL;

      CREATE TABLE gag_orders (${part},
        legal_basis text NOT NULL,
        binding text NOT NULL CHECK (binding IN (${inList(['yes', 'no', 'disputed'])})),
        until timestamptz,
        review_at timestamptz,
        lifted_at timestamptz,
        notes text
      );
      CREATE INDEX gag_orders_case_idx ON gag_orders (case_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE gag_orders, deadlines, timeline_events, seized_items, disclosures, affected_systems,
        targets, legal_bases, case_authorities, cases, inventory_items, authorities;
    `);
  }
}
