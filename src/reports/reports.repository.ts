import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One aggregate of the transparency report, as the SQL returns it. */
export interface FigureRow {
  section: string;
  key: string;
  /** For rows named by data (citations, countries): how the value is written. */
  label: string | null;
  /** Exact count, or hours for downtime. */
  n: number;
}

/** One cell of the DSA member-state orders section. */
export interface DsaRow {
  order_type: 'act' | 'information';
  /** null: the total over all member states. */
  member_state: string | null;
  n: number;
  n_acknowledged: number;
  median_ack_hours: number | null;
  n_effect: number;
  median_effect_hours: number | null;
}

export interface ReportQuery {
  from: Date;
  to: Date;
  /** Generation time: gags and embargoes in force now withhold a case; open outages end now. */
  now: Date;
  homeCountry: string;
  /** Count restricted cases that are under no gag or embargo. */
  includeRestricted: boolean;
  /** Citations held by fewer cases than this are combined into one "other" row (0: none). */
  foldBelow: number;
}

/** Status changes are written to the timeline as "Status changed from <old> to <new>[.: note]" (CasesService). */
export const STATUS_CHANGED_TO = (status: string) =>
  `^Status changed from [a-z_]+ to ${status}[.:]`;
/** Must match the predicate of the partial index timeline_events_challenged_idx (migration 1763900000004). */
const CHALLENGED_EVENT = `te.type = 'status_changed' AND te.description ~ '${STATUS_CHANGED_TO('challenged')}'`;

/**
 * The cases a public report counts: received in [from, to), not under a gag order in force at
 * generation time (not lifted, not expired), not under a publication embargo, and (unless asked
 * otherwise) restricted or not.
 */
const INCLUDED = `
  SELECT c.id, c.received_at, c.request_type, c.status, c.outcome,
         c.user_notification_required AS notify_required, c.user_notified_at IS NOT NULL AS notified
    FROM cases c
   WHERE c.received_at >= $1 AND c.received_at < $2
     AND (c.embargo_until IS NULL OR c.embargo_until <= $3)
     AND ($4::boolean OR NOT c.restricted)
     AND NOT EXISTS (
           SELECT 1 FROM gag_orders g
            WHERE g.case_id = c.id
              AND (g.lifted_at IS NULL OR g.lifted_at > $3)
              AND (g.until IS NULL OR g.until > $3))`;

/** Which involved authority stands for a case: the issuing one, else a court, the requesting, … */
const PRINCIPAL_RANK = `CASE ca.role WHEN 'issuing' THEN '1' WHEN 'court' THEN '2' WHEN 'requesting' THEN '3'
  WHEN 'validating' THEN '4' WHEN 'central' THEN '5' ELSE '6' END`;
/** Whose country a request comes from: the requesting authority, else the issuing one, … */
const ORIGIN_RANK = `CASE ca.role WHEN 'requesting' THEN '1' WHEN 'issuing' THEN '2' WHEN 'court' THEN '3'
  WHEN 'validating' THEN '4' WHEN 'central' THEN '5' ELSE '6' END`;

/** "StPO  § 94,  §§ 103" -> "StPO §94, §103": whitespace collapsed, "§§" and the space after "§" dropped. */
const NORMALISED_CITATION = `regexp_replace(regexp_replace(regexp_replace(btrim(d.citation), '\\s+', ' ', 'g'), '§+', '§', 'g'), '§ ', '§', 'g')`;

/**
 * Every figure of the transparency report in one statement (one snapshot), aggregated in SQL:
 * - the per-case figures (type, outcome, authority, origin, notification) in one pass with
 *   GROUPING SETS over the included cases and their principal authority;
 * - citations normalised once per written form, then counted once per case;
 * - downtime: the seized/offline intervals of each case merged with a gaps-and-islands query, as
 *   src/cases/downtime.ts does in memory, clipped to the period, open ones ending now.
 */
const FIGURES_SQL = `
WITH inc AS MATERIALIZED (${INCLUDED}),
auth AS (
  SELECT ca.case_id,
         substr(min(${PRINCIPAL_RANK} || a.kind), 2) AS kind,
         substr(min(${ORIGIN_RANK} || a.country), 2) AS origin,
         bool_or(ca.role = 'requesting' AND (a.country <> $5 OR a.kind = 'foreign_authority')) AS foreign_request
    FROM case_authorities ca
    JOIN inc ON inc.id = ca.case_id
    JOIN authorities a ON a.id = ca.authority_id
   GROUP BY ca.case_id
),
per AS MATERIALIZED (
  SELECT CASE WHEN grouping(x.request_type) = 0 THEN 'request_type'
              WHEN grouping(x.outcome) = 0 THEN 'outcome'
              WHEN grouping(x.authority_kind) = 0 THEN 'authority_kind'
              WHEN grouping(x.origin_class) = 0 THEN 'origin'
              WHEN grouping(x.origin) = 0 THEN 'country'
              ELSE 'all' END AS section,
         coalesce(x.request_type, x.outcome, x.authority_kind, x.origin_class, x.origin) AS key,
         count(*) AS n,
         count(*) FILTER (WHERE x.mla) AS mla,
         count(*) FILTER (WHERE x.outcome IN ('produced_in_full', 'produced_in_part')) AS produced,
         count(*) FILTER (WHERE x.notify_required) AS notify_required,
         count(*) FILTER (WHERE x.notify_required AND x.notified) AS notified,
         count(*) FILTER (WHERE x.notify_required AND NOT x.notified) AS notify_pending,
         count(*) FILTER (WHERE NOT x.notify_required) AS notify_not_required,
         count(*) FILTER (WHERE x.notify_required IS NULL) AS notify_not_recorded
    FROM (
      SELECT i.request_type, i.outcome, i.notify_required, i.notified,
             coalesce(au.kind, 'not_recorded') AS authority_kind,
             CASE WHEN au.origin IS NULL THEN 'not_recorded' WHEN au.origin = $5 THEN 'domestic' ELSE 'foreign' END AS origin_class,
             au.origin,
             i.request_type = 'mutual_legal_assistance' OR coalesce(au.foreign_request, false) AS mla
        FROM inc i LEFT JOIN auth au ON au.case_id = i.id
    ) x
   GROUP BY GROUPING SETS ((x.request_type), (x.outcome), (x.authority_kind), (x.origin_class), (x.origin), ())
),
lbr AS MATERIALIZED (
  SELECT b.case_id, b.jurisdiction, b.citation FROM legal_bases b JOIN inc ON inc.id = b.case_id
),
cit AS MATERIALIZED (
  SELECT n.jurisdiction, n.citation, n.normalised,
         dense_rank() OVER (ORDER BY n.jurisdiction, lower(n.normalised)) AS kid
    FROM (SELECT d.jurisdiction, d.citation, ${NORMALISED_CITATION} AS normalised
            FROM (SELECT DISTINCT jurisdiction, citation FROM lbr) d) n
),
lb AS MATERIALIZED (
  SELECT DISTINCT lbr.case_id, cit.kid FROM lbr JOIN cit ON cit.jurisdiction = lbr.jurisdiction AND cit.citation = lbr.citation
),
lbg AS MATERIALIZED (
  SELECT lb.kid, count(*) AS n FROM lb GROUP BY lb.kid
),
iv AS (
  SELECT s.case_id, greatest(s.started_at, $1) AS s, least(coalesce(s.ended_at, $3), $2) AS e
    FROM affected_systems s JOIN inc ON inc.id = s.case_id
   WHERE s.impact IN ('seized', 'offline')
),
ivp AS (
  SELECT case_id, s, e,
         max(e) OVER (PARTITION BY case_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end
    FROM iv WHERE e > s
),
isl AS (
  SELECT case_id, s, e,
         sum(CASE WHEN before_end IS NULL OR s > before_end THEN 1 ELSE 0 END)
           OVER (PARTITION BY case_id ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
    FROM ivp
),
merged AS MATERIALIZED (
  SELECT case_id, min(s) AS s, max(e) AS e FROM isl GROUP BY case_id, island
),
gag AS MATERIALIZED (
  SELECT g.case_id, bool_or(g.lifted_at IS NOT NULL AND g.lifted_at <= $3) AS lifted
    FROM gag_orders g JOIN inc ON inc.id = g.case_id GROUP BY g.case_id
)
SELECT section, key, NULL AS label, n::float8 AS n FROM per WHERE section NOT IN ('all', 'country') OR key IS NOT NULL AND section = 'country'
UNION ALL
SELECT v.section, v.key, NULL, v.n
  FROM per, LATERAL (VALUES
    ('totals', 'requests', per.n),
    ('origin', 'mutual_legal_assistance', per.mla),
    ('outcome', 'some_data_produced', per.produced),
    ('user_notification', 'required', per.notify_required),
    ('user_notification', 'notified', per.notified),
    ('user_notification', 'pending', per.notify_pending),
    ('user_notification', 'not_required', per.notify_not_required),
    ('user_notification', 'not_recorded', per.notify_not_recorded)) AS v(section, key, n)
 WHERE per.section = 'all'
UNION ALL
SELECT 'outcome', 'challenged', NULL, count(*) FROM (
  SELECT id FROM inc WHERE status = 'challenged'
  UNION SELECT r.case_id FROM remedies r JOIN inc ON inc.id = r.case_id
  UNION SELECT te.case_id FROM timeline_events te JOIN inc ON inc.id = te.case_id WHERE ${CHALLENGED_EVENT}
) ch
UNION ALL
SELECT 'legal_basis', c.jurisdiction || ':' || lower(c.normalised), min(c.normalised) || ' (' || c.jurisdiction || ')', min(lbg.n)
  FROM lbg JOIN cit c ON c.kid = lbg.kid WHERE lbg.n >= $6
 GROUP BY c.jurisdiction, lower(c.normalised)
UNION ALL
SELECT 'legal_basis', 'other', NULL, count(DISTINCT lb.case_id)
  FROM lb JOIN lbg ON lbg.kid = lb.kid WHERE lbg.n < $6
UNION ALL
SELECT 'legal_basis', 'not_recorded', NULL, (SELECT count(*) FROM inc) - (SELECT count(*) FROM (SELECT DISTINCT case_id FROM lbr) d)
UNION ALL
SELECT 'accounts', 'accounts_affected', NULL, coalesce(sum(d.accounts_count), 0)
  FROM disclosures d JOIN inc ON inc.id = d.case_id
UNION ALL
SELECT 'systems', 'systems_affected', NULL, count(*) FROM (
  SELECT DISTINCT s.case_id, s.inventory_item_id FROM affected_systems s JOIN inc ON inc.id = s.case_id
   WHERE s.impact <> 'none') sa
UNION ALL
SELECT 'systems', 'cases_with_downtime', NULL, count(DISTINCT case_id) FROM merged
UNION ALL
SELECT 'systems', 'downtime_hours', NULL, coalesce(sum(extract(epoch FROM e - s)), 0) / 3600 FROM merged
UNION ALL
SELECT 'gag_orders', 'cases_with_gag', NULL, count(*) FROM gag
UNION ALL
SELECT 'gag_orders', 'lifted', NULL, count(*) FILTER (WHERE lifted) FROM gag
UNION ALL
SELECT 'gag_orders', 'expired', NULL, count(*) FILTER (WHERE NOT lifted) FROM gag`;

/** Request types that are DSA orders to act (Art. 9) and orders to provide information (Art. 10). */
export const DSA_ORDERS_TO_ACT = ['takedown'] as const;
export const DSA_ORDERS_TO_PROVIDE_INFORMATION = [
  'production_subscriber_data',
  'production_traffic_data',
  'production_content_data',
  'e_evidence_production_order',
  'european_investigation_order',
] as const;

/**
 * The DSA member-state orders, per order type and issuing member state, with the medians in hours:
 * - acknowledged: the first timeline event of type authority_contact at or after receipt;
 * - given effect: orders to provide information, the first disclosure handed over (not before
 *   receipt: an earlier handover counts as 0 h); orders to act, the first status change to
 *   responded at or after receipt, unless the order was refused or withdrawn.
 * $5: the request types counted, $6: the member states.
 */
const DSA_SQL = `
WITH inc AS MATERIALIZED (${INCLUDED} AND c.request_type = ANY($5::text[])),
issuer AS (
  SELECT ca.case_id, substr(min(${PRINCIPAL_RANK} || a.country), 2) AS country
    FROM case_authorities ca JOIN inc ON inc.id = ca.case_id JOIN authorities a ON a.id = ca.authority_id
   GROUP BY ca.case_id
),
o AS MATERIALIZED (
  SELECT i.id, i.received_at, i.outcome,
         CASE WHEN i.request_type = 'takedown' THEN 'act' ELSE 'information' END AS order_type,
         iss.country AS member_state
    FROM inc i JOIN issuer iss ON iss.case_id = i.id
   WHERE iss.country = ANY($6::text[])
),
ack AS (
  SELECT te.case_id, min(te.occurred_at) AS at
    FROM timeline_events te JOIN o ON o.id = te.case_id
   WHERE te.type = 'authority_contact' AND te.occurred_at >= o.received_at
   GROUP BY te.case_id
),
effect AS (
  SELECT d.case_id, min(d.handed_over_at) AS at
    FROM disclosures d JOIN o ON o.id = d.case_id
   WHERE o.order_type = 'information'
   GROUP BY d.case_id
  UNION ALL
  SELECT te.case_id, min(te.occurred_at)
    FROM timeline_events te JOIN o ON o.id = te.case_id
   WHERE o.order_type = 'act' AND o.outcome NOT IN ('none_refused', 'withdrawn') AND te.type = 'status_changed'
     AND te.description ~ '${STATUS_CHANGED_TO('responded')}' AND te.occurred_at >= o.received_at
   GROUP BY te.case_id
),
t AS (
  SELECT o.order_type, o.member_state,
         extract(epoch FROM ack.at - o.received_at)::float8 / 3600 AS ack_hours,
         -- A handover before the order was received (e.g. in an emergency) counts as 0 h; no handover stays NULL.
         CASE WHEN effect.at < o.received_at THEN 0
              ELSE extract(epoch FROM effect.at - o.received_at)::float8 / 3600 END AS effect_hours
    FROM o LEFT JOIN ack ON ack.case_id = o.id LEFT JOIN effect ON effect.case_id = o.id
)
SELECT order_type, member_state, count(*)::int AS n,
       count(ack_hours)::int AS n_acknowledged,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_hours) AS median_ack_hours,
       count(effect_hours)::int AS n_effect,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY effect_hours) AS median_effect_hours
  FROM t
 GROUP BY GROUPING SETS ((order_type, member_state), (order_type))`;

/** The statements, for EXPLAIN in the benchmark. */
export const REPORT_SQL = { figures: FIGURES_SQL, dsa: DSA_SQL };

/** The SQL of the reports; see ReportsService for what the figures mean. */
@Injectable()
export class ReportsRepository {
  async figures(manager: EntityManager, q: ReportQuery): Promise<FigureRow[]> {
    const rows: FigureRow[] = await manager.query(FIGURES_SQL, this.params(q));
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  async dsaOrders(
    manager: EntityManager,
    q: ReportQuery,
    memberStates: readonly string[],
  ): Promise<DsaRow[]> {
    const rows: DsaRow[] = await manager.query(DSA_SQL, [
      ...this.params(q).slice(0, 4),
      [...DSA_ORDERS_TO_ACT, ...DSA_ORDERS_TO_PROVIDE_INFORMATION],
      memberStates,
    ]);
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({
      ...r,
      n: Number(r.n),
      n_acknowledged: Number(r.n_acknowledged),
      n_effect: Number(r.n_effect),
      median_ack_hours: num(r.median_ack_hours),
      median_effect_hours: num(r.median_effect_hours),
    }));
  }

  private params(q: ReportQuery): unknown[] {
    return [
      q.from.toISOString(),
      q.to.toISOString(),
      q.now.toISOString(),
      q.includeRestricted,
      q.homeCountry,
      q.foldBelow,
    ];
  }
}
