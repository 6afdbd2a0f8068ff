import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the transparency report over a million cases (src/reports/reports.repository.ts).
 *
 * The report takes the cases in ranges of their ids and each part table in case order, joining by
 * merge instead of building hash tables over all cases; these indexes hold, in case-id order, just
 * the columns the report reads, so it never touches the wide rows:
 * - cases by id, with the columns of the report (cases_report_idx has them by received_at);
 * - case_authorities with the rank of the role for the principal authority and for the origin;
 * - legal_bases with the citation's key and normalised form: computed once on write instead of
 *   three regular expressions per row and report; and by key, to find the cases of citations too
 *   rare to be named;
 * - disclosures with their accounts; affected systems by item (those with an impact) and the
 *   seized/offline intervals.
 *
 * The expressions must stay word for word those of the repository (principalRank, originRank,
 * citationKey, normalised), or the planner cannot use them.
 */
export class ReportSpeed1763900000006 implements MigrationInterface {
  name = 'ReportSpeed1763900000006';

  async up(q: QueryRunner): Promise<void> {
    const normalised = `regexp_replace(regexp_replace(regexp_replace(btrim(citation), '\\s+', ' ', 'g'), '§+', '§', 'g'), '§ ', '§', 'g')`;
    const key = `jurisdiction || ':' || lower(${normalised})`;
    await q.query(`
      CREATE INDEX cases_report_id_idx ON cases (id)
        INCLUDE (received_at, request_type, status, outcome, restricted, embargo_until, user_notification_required, user_notified_at);
      CREATE INDEX case_authorities_report_idx ON case_authorities (case_id,
        (CASE role WHEN 'issuing' THEN 1 WHEN 'court' THEN 2 WHEN 'requesting' THEN 3 WHEN 'validating' THEN 4 WHEN 'central' THEN 5 ELSE 6 END),
        (CASE role WHEN 'requesting' THEN 1 WHEN 'issuing' THEN 2 WHEN 'court' THEN 3 WHEN 'validating' THEN 4 WHEN 'central' THEN 5 ELSE 6 END),
        authority_id) INCLUDE (role);
      CREATE INDEX legal_bases_report_idx ON legal_bases (case_id, (${key}), (${normalised})) INCLUDE (jurisdiction, citation);
      CREATE INDEX legal_bases_citation_key_idx ON legal_bases ((${key}));
      CREATE INDEX disclosures_report_idx ON disclosures (case_id) INCLUDE (accounts_count);
      CREATE INDEX affected_systems_affected_idx ON affected_systems (case_id, inventory_item_id) WHERE impact <> 'none';
      CREATE INDEX affected_systems_downtime_idx ON affected_systems (case_id, id) INCLUDE (started_at, ended_at)
        WHERE impact IN ('seized', 'offline');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX affected_systems_downtime_idx, affected_systems_affected_idx, disclosures_report_idx,
        legal_bases_citation_key_idx, legal_bases_report_idx, case_authorities_report_idx, cases_report_id_idx
    `);
  }
}
