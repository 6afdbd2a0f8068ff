import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthorityRole } from '../domain/vocabulary.js';
import { embargoInForceSql, gagInForceSql } from '../domain/withheld.js';
import { unitAndBelowSql } from '../units/unit-tree.js';

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
  /** Targets named in the orders: the specific items of information of an order to act. */
  n_items: number;
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
  /** Only cases of this unit of the organisation and the units below it (null: all cases). */
  unitId: string | null;
}

/**
 * The cases a public report counts: received in [from, to), not void (recorded in error), not under a gag order in force at
 * generation time (not lifted, not expired), not under a publication embargo, and (unless asked
 * otherwise) restricted or not.
 */
const IN_UNIT = (c: string, unit = '$7') =>
  `(${unit}::uuid IS NULL OR ${c}.unit_id IN ${unitAndBelowSql(unit)})`;
/** INCLUDED with the unit in another parameter than $7 (for statements with fewer parameters). */
export const includedSql = (unit: string) => `
  SELECT c.id, c.received_at, c.request_type, c.status, c.outcome,
         c.user_notification_required AS notify_required, c.user_notified_at IS NOT NULL AS notified
    FROM cases c
   WHERE c.received_at >= $1 AND c.received_at < $2 AND c.status <> 'void'
     AND NOT ${embargoInForceSql('c', '$3')}
     AND ($4::boolean OR NOT c.restricted)
     AND ${IN_UNIT('c', unit)}
     AND NOT EXISTS (
           SELECT 1 FROM gag_orders g
            WHERE g.case_id = c.id
              AND ${gagInForceSql('g', '$3')})`;
export const INCLUDED = includedSql('$7');

/** "StPO  § 94,  §§ 103" -> "StPO §94, §103": whitespace collapsed, "§§" and the space after "§" dropped. */
export const normalised = (citation: string) =>
  `regexp_replace(regexp_replace(regexp_replace(btrim(${citation}), '\\s+', ' ', 'g'), '§+', '§', 'g'), '§ ', '§', 'g')`;
/** A citation's key in the report: its jurisdiction and its normalised form in lower case. */
export const citationKey = (b: string) =>
  `${b}.jurisdiction || ':' || lower(${normalised(`${b}.citation`)})`;
/**
 * Which involved authority stands for a case, by role, best first; any other role ranks last.
 * principal: the authority that ordered the measure (issuing, else a court, the requesting, …);
 * origin: the one that asked for it (requesting first), which decides domestic or foreign.
 */
export const ROLE_RANKING = {
  principal: ['issuing', 'court', 'requesting', 'validating', 'central'],
  origin: ['requesting', 'issuing', 'court', 'validating', 'central'],
} as const satisfies Record<string, readonly AuthorityRole[]>;
/**
 * Roles recorded but never counted: an authority that only commented on a case or was only
 * informed of it does not stand for the case in any report, whatever else is recorded.
 */
export const UNCOUNTED_ROLES = [
  'commenting',
  'informed',
] as const satisfies readonly AuthorityRole[];
/** The involved authorities (row `r` of case_authorities) a report may count. */
export const countedRole = (r: string) =>
  `${r}.role NOT IN (${UNCOUNTED_ROLES.map((role) => `'${role}'`).join(', ')})`;

/**
 * The rank (1, 2, …) of the role of case_authorities row `r`. The rank expressions, like
 * citationKey and normalised, must stay word for word those of the indexes of migration
 * 1763900000006, which hold them so that a report reads them instead of computing them for every
 * row (test/e2e/report-indexes.e2e.spec.ts compares them).
 */
export const roleRank = (ranking: keyof typeof ROLE_RANKING, r: string) => {
  const order = ROLE_RANKING[ranking];
  const ranks = order.map((role, i) => `WHEN '${role}' THEN ${i + 1}`).join(' ');
  return `CASE ${r}.role ${ranks} ELSE ${order.length + 1} END`;
};
const principalRank = (r: string) => roleRank('principal', r);
const originRank = (r: string) => roleRank('origin', r);

/** The conditions on a case for a public report ($1-$4, $7; see INCLUDED), but the gag orders. */
const CASE_INCLUDED = (
  c: string,
) => `${c}.received_at >= $1 AND ${c}.received_at < $2 AND ${c}.status <> 'void'
   AND NOT ${embargoInForceSql(c, '$3')} AND ($4::boolean OR NOT ${c}.restricted) AND ${IN_UNIT(c)}`;
/** A gag order g in force at generation time withholds its case. */
const GAG_IN_FORCE = gagInForceSql('g', '$3');

/**
 * Every authority with the order of its kind and of its country among those in use: the rank of
 * "1" || kind among the distinct kinds compares as min('<rank>' || kind) does, so min(rank * 1000 +
 * order) picks the same authority as the text comparison of the original query, in integers. And
 * whether it makes a request foreign (home country $5). Window functions would be shorter, but a
 * query grouping by their result cannot run in parallel workers.
 */
const ORDER_OF = (column: 'kind' | 'country') => `(SELECT x1.${column}, count(*)::int AS ord
     FROM (SELECT DISTINCT ${column} FROM authorities) x1
     JOIN (SELECT DISTINCT ${column} FROM authorities) x2 ON '1' || x2.${column} <= '1' || x1.${column}
    GROUP BY x1.${column})`;
const AUTHORITY_ORDER = `(SELECT a.id, a.kind, a.country, k.ord AS kord, o.ord AS cord,
          a.country <> $5 OR a.kind = 'foreign_authority' AS foreign_request
     FROM authorities a JOIN ${ORDER_OF('kind')} k ON k.kind = a.kind JOIN ${ORDER_OF('country')} o ON o.country = a.country
    GROUP BY a.id, k.ord, o.ord)`;

/** The figures of the 'all' grouping set, each a row of its own: [section, key, column of per]. */
const TOTALS: [string, string, string][] = [
  ['totals', 'requests', 'n'],
  ['origin', 'mutual_legal_assistance', 'mla'],
  ['outcome', 'some_data_produced', 'produced'],
  ['outcome', 'challenged', 'challenged'],
  ['user_notification', 'required', 'notify_required'],
  ['user_notification', 'notified', 'notified'],
  ['user_notification', 'pending', 'notify_pending'],
  ['user_notification', 'not_required', 'notify_not_required'],
  ['user_notification', 'not_recorded', 'notify_not_recorded'],
  ['legal_basis', 'not_recorded', 'no_legal_basis'],
  ['legal_basis', 'not_stated', 'not_stated'],
  ['accounts', 'accounts_affected', 'accounts'],
  ['systems', 'systems_affected', 'systems'],
  ['systems', 'cases_with_downtime', 'cases_with_downtime'],
  ['systems', 'downtime_seconds', 'downtime_seconds'],
  ['systems', 'downtime_lower_bound', 'downtime_lower_bound'],
  ['gag_orders', 'cases_with_gag', 'gagged'],
  ['gag_orders', 'lifted', 'lifted'],
  ['gag_orders', 'expired', 'expired'],
];

/** Restricts a query to one part of the cases: `in(column)` for the case ids of that part. */
interface Part {
  in: (column: string) => string;
  /** For part-table rows: `in`, or in narrow mode also received in the period. */
  rows: (column: string) => string;
}

/**
 * The per-case figures of one part of the cases, as (section, key, label, n) rows to be added up:
 * every case once, with its parts joined in case-id order (merge joins over the report indexes),
 * each part table aggregated per case first:
 * - the principal authority and the origin as min(rank * 1000 + order), packed with the foreign
 *   request flag into one number (acode: principal code * 10^6 + origin code, times 2, plus flag);
 * - accounts, distinct affected systems, downtime (intervals clipped to the period, open ones
 *   ending now, unknown ends at the last moment known (and the case counted as a lower bound), merged: each adds what reaches beyond the latest end before it), gag orders, and
 *   whether a legal basis is recorded.
 * Two grouping sets: one by the case's columns, one by its authorities (kinds and countries are
 * named by the outer query), then one row per figure. Kinds and countries go out by their order
 * numbers ('kord', 'cord'; -1: no authority recorded).
 */
function caseFigures(p: Part): string {
  return `
SELECT coalesce(t.section, per.section) AS section, CASE WHEN t.section IS NULL THEN per.key ELSE t.key END AS key,
       NULL::text AS label,
       coalesce(CASE t.m ${TOTALS.map(([, , m]) => `WHEN '${m}' THEN per.${m}`).join(' ')} ELSE per.n END, 0) AS n
  FROM (
    SELECT CASE WHEN grouping(x.request_type) = 0 THEN 'request_type' WHEN grouping(x.outcome) = 0 THEN 'outcome'
                WHEN grouping(x.kord) = 0 THEN 'kord' WHEN grouping(x.cord) = 0 THEN 'cord' ELSE 'all' END AS section,
           coalesce(x.request_type, x.outcome, x.kord::text, x.cord::text) AS key,
           CASE WHEN grouping(x.kord) = 0 OR grouping(x.cord) = 0 THEN sum(x.n) FILTER (WHERE x.by_authority)
                ELSE sum(x.n) FILTER (WHERE NOT x.by_authority) END AS n,
           sum(x.n) FILTER (WHERE x.by_authority AND (x.mla_type OR x.acode % 2 = 1)) AS mla,
           sum(x.n) FILTER (WHERE NOT x.by_authority AND x.outcome IN ('produced_in_full', 'produced_in_part')) AS produced,
           sum(x.n) FILTER (WHERE NOT x.by_authority AND x.nr) AS notify_required,
           sum(x.n) FILTER (WHERE NOT x.by_authority AND x.nr AND x.notified) AS notified,
           sum(x.n) FILTER (WHERE NOT x.by_authority AND x.nr AND NOT x.notified) AS notify_pending,
           sum(x.n) FILTER (WHERE NOT x.by_authority AND NOT x.nr) AS notify_not_required,
           sum(x.n) FILTER (WHERE NOT x.by_authority AND x.nr IS NULL) AS notify_not_recorded,
           sum(x.n - x.with_legal_basis) FILTER (WHERE NOT x.by_authority) AS no_legal_basis,
           sum(x.not_stated) FILTER (WHERE NOT x.by_authority) AS not_stated,
           sum(x.challenged) FILTER (WHERE NOT x.by_authority) AS challenged,
           sum(x.accounts) FILTER (WHERE NOT x.by_authority) AS accounts,
           sum(x.systems) FILTER (WHERE NOT x.by_authority) AS systems,
           sum(x.cases_with_downtime) FILTER (WHERE NOT x.by_authority) AS cases_with_downtime,
           sum(x.downtime_seconds) FILTER (WHERE NOT x.by_authority) AS downtime_seconds,
           sum(x.downtime_lower_bound) FILTER (WHERE NOT x.by_authority) AS downtime_lower_bound,
           sum(x.gagged) FILTER (WHERE NOT x.by_authority) AS gagged,
           sum(x.lifted) FILTER (WHERE NOT x.by_authority) AS lifted,
           sum(x.gagged - x.lifted) FILTER (WHERE NOT x.by_authority) AS expired
      FROM (
        SELECT s1.*, s1.ga = 0 AS by_authority,
               CASE WHEN s1.ga = 0 THEN coalesce((s1.acode / 2000000 % 1000)::int, -1) END AS kord,
               CASE WHEN s1.ga = 0 THEN coalesce((s1.acode / 2 % 1000000 % 1000)::int, -1) END AS cord
          FROM (
            SELECT grouping(au.acode) AS ga,
                   i.request_type, i.outcome, i.user_notification_required AS nr, i.user_notified_at IS NOT NULL AS notified,
                   au.acode, i.request_type = 'mutual_legal_assistance' AS mla_type,
                   count(*) AS n,
                   count(*) FILTER (WHERE i.status = 'challenged') AS challenged,
                   sum(d.accounts) AS accounts, sum(sy.n) AS systems,
                   count(dt.case_id) AS cases_with_downtime, sum(dt.seconds) AS downtime_seconds,
                   count(lbd.case_id) AS downtime_lower_bound,
                   count(g.case_id) AS gagged, count(*) FILTER (WHERE g.lifted) AS lifted,
                   count(lb.case_id) AS with_legal_basis, count(lb.case_id) FILTER (WHERE lb.not_stated) AS not_stated
              FROM cases i
              LEFT JOIN (SELECT g.case_id, bool_or(${GAG_IN_FORCE}) AS in_force,
                                bool_or(g.lifted_at IS NOT NULL AND g.lifted_at <= $3) AS lifted
                           FROM gag_orders g WHERE ${p.rows('g.case_id')} GROUP BY g.case_id) g ON g.case_id = i.id
              LEFT JOIN (SELECT y.case_id, (min(y.pc)::bigint * 1000000 + min(y.oc)) * 2 + bool_or(y.f)::int AS acode
                           FROM (SELECT x.case_id, x.pr * 1000 + a.kord AS pc, x.orr * 1000 + a.cord AS oc,
                                        x.orr = 1 AND a.foreign_request AS f
                                   FROM (SELECT ca.case_id, ${principalRank('ca')} AS pr, ${originRank('ca')} AS orr, ca.authority_id
                                           FROM case_authorities ca WHERE ${p.rows('ca.case_id')} AND ${countedRole('ca')} ORDER BY ca.case_id) x
                                   JOIN ${AUTHORITY_ORDER} a ON a.id = x.authority_id
                                  ORDER BY x.case_id) y
                          GROUP BY y.case_id) au ON au.case_id = i.id
              LEFT JOIN (SELECT d.case_id, sum(d.accounts_count) AS accounts
                           FROM disclosures d WHERE ${p.rows('d.case_id')} GROUP BY d.case_id) d ON d.case_id = i.id
              LEFT JOIN (SELECT y.case_id, count(*) AS n
                           FROM (SELECT DISTINCT s.case_id, s.inventory_item_id FROM affected_systems s
                                  WHERE ${p.rows('s.case_id')} AND s.impact <> 'none') y
                          GROUP BY y.case_id) sy ON sy.case_id = i.id
              LEFT JOIN (SELECT w.case_id,
                                sum(extract(epoch FROM CASE WHEN w.before_end IS NULL OR w.s >= w.before_end THEN w.e - w.s
                                                            WHEN w.e > w.before_end THEN w.e - w.before_end
                                                            ELSE interval '0' END)) AS seconds
                           FROM (SELECT a.case_id, a.id, a.s, a.e, max(b.e) AS before_end
                                   FROM (${downtime(p)} ORDER BY s.case_id, s.id) a
                                   LEFT JOIN (${downtime(p)}) b ON b.case_id = a.case_id AND (b.s, b.e, b.id) < (a.s, a.e, a.id)
                                  GROUP BY a.case_id, a.id, a.s, a.e
                                  ORDER BY a.case_id) w
                          GROUP BY w.case_id) dt ON dt.case_id = i.id
              LEFT JOIN (SELECT DISTINCT s.case_id FROM affected_systems s
                          WHERE ${p.rows('s.case_id')} AND s.impact IN ('seized', 'offline')
                            AND s.end_state IN ('ended_unknown', 'at_least_until') AND s.started_at < $2
                            AND coalesce(s.ended_at, s.started_at) >= $1) lbd ON lbd.case_id = i.id
              LEFT JOIN (SELECT b.case_id, bool_or(b.not_stated) AS not_stated FROM legal_bases b WHERE ${p.rows('b.case_id')}
                          GROUP BY b.case_id) lb ON lb.case_id = i.id
             WHERE ${p.in('i.id')} AND ${CASE_INCLUDED('i')} AND g.in_force IS NOT TRUE
             GROUP BY GROUPING SETS ((i.request_type, i.outcome, i.user_notification_required, (i.user_notified_at IS NOT NULL)),
                                     (au.acode, (i.request_type = 'mutual_legal_assistance')))
          ) s1
      ) x
     GROUP BY GROUPING SETS ((x.request_type), (x.outcome), (x.kord), (x.cord), ())
  ) per
  LEFT JOIN (VALUES ${TOTALS.map(([s, k, m]) => `('${s}', '${k}', '${m}')`).join(', ')}) AS t(section, key, m)
    ON per.section = 'all'
 WHERE per.section = 'all' OR per.key IS NOT NULL`;
}

/**
 * Where a seized/offline interval ends for counting (as downtime.ts countedEnd): ongoing ones now,
 * one that ended at an unknown time at the last moment known (its at-least-until time, else its
 * start): a lower bound that never grows with the clock.
 */
const COUNTED_END = `CASE s.end_state WHEN 'ongoing' THEN $3 WHEN 'ended_unknown' THEN coalesce(s.ended_at, s.started_at) ELSE s.ended_at END`;

/** The seized/offline intervals of a part's cases, clipped to the period, open ones ending now. */
const downtime = (
  p: Part,
) => `SELECT s.id, s.case_id, greatest(s.started_at, $1) AS s, least(${COUNTED_END}, $2) AS e
      FROM affected_systems s
     WHERE ${p.rows('s.case_id')} AND s.impact IN ('seized', 'offline') AND least(${COUNTED_END}, $2) > greatest(s.started_at, $1)`;

/** Cases counted as challenged although their status is not (yet) challenged: a remedy, or a past status change (case_status_changes, written by the status route). */
function challengedFigures(p: Part): string {
  return `
SELECT 'outcome' AS section, 'challenged' AS key, NULL::text AS label, count(*)::numeric AS n
  FROM cases c
 WHERE ${p.in('c.id')} AND ${CASE_INCLUDED('c')} AND c.status <> 'challenged'
   AND c.id IN (SELECT r.case_id FROM remedies r WHERE ${p.in('r.case_id')}
                UNION ALL
                SELECT sc.case_id FROM case_status_changes sc WHERE ${p.in('sc.case_id')} AND sc.to_status = 'challenged')
   AND c.id NOT IN (SELECT g.case_id FROM gag_orders g WHERE ${p.in('g.case_id')} AND ${GAG_IN_FORCE})`;
}

/**
 * Cases whose downtime rests on a time not known to the minute (a start or end known only to the
 * hour, the day or roughly): their hours are an estimate, and the report says so.
 */
function approximateDowntimeFigures(p: Part): string {
  return `
SELECT 'systems' AS section, 'downtime_approximate' AS key, NULL::text AS label, count(*)::numeric AS n
  FROM cases c
 WHERE ${p.in('c.id')} AND ${CASE_INCLUDED('c')}
   AND c.id IN (SELECT s.case_id FROM affected_systems s
                 WHERE ${p.in('s.case_id')} AND s.impact IN ('seized', 'offline')
                   AND least(${COUNTED_END}, $2) > greatest(s.started_at, $1)
                   AND (s.started_at_precision <> 'minute' OR (s.ended_at IS NOT NULL AND s.ended_at_precision <> 'minute')))
   AND c.id NOT IN (SELECT g.case_id FROM gag_orders g WHERE ${p.in('g.case_id')} AND ${GAG_IN_FORCE})`;
}

/** Cases per citation (once per case), with the least of its written forms as the label. */
function citationFigures(p: Part): string {
  return `
SELECT 'legal_basis' AS section, b.key, min(b.normalised) AS label, count(*)::numeric AS n
  FROM (SELECT DISTINCT ON (b.case_id, ${citationKey('b')}) b.case_id, ${citationKey('b')} AS key, ${normalised('b.citation')} AS normalised
          FROM legal_bases b WHERE ${p.rows('b.case_id')} AND b.citation IS NOT NULL
         ORDER BY b.case_id, ${citationKey('b')}, ${normalised('b.citation')}) b
  JOIN cases c ON c.id = b.case_id
 WHERE ${p.in('c.id')} AND ${CASE_INCLUDED('c')}
   AND c.id NOT IN (SELECT g.case_id FROM gag_orders g WHERE ${p.in('g.case_id')} AND ${GAG_IN_FORCE})
 GROUP BY b.key`;
}

/**
 * Cases per type of measure: a case counts once in the row of each type among its measures, so
 * a case with a request for mutual legal assistance and a search and seizure counts in both rows
 * (the rows add up to more than the cases). A case with no measure recorded counts under its
 * primary type (requestType), as before measures were recorded.
 */
function measureFigures(p: Part): string {
  return `
SELECT 'measure_type' AS section, m.type AS key, NULL::text AS label, count(*)::numeric AS n
  FROM (SELECT DISTINCT ms.case_id, ms.type FROM measures ms WHERE ${p.rows('ms.case_id')}
        UNION ALL
        SELECT nc.id, nc.request_type FROM cases nc
         WHERE ${p.in('nc.id')} AND NOT EXISTS (SELECT 1 FROM measures x WHERE x.case_id = nc.id)) m
  JOIN cases c ON c.id = m.case_id
 WHERE ${p.in('c.id')} AND ${CASE_INCLUDED('c')}
   AND c.id NOT IN (SELECT g.case_id FROM gag_orders g WHERE ${p.in('g.case_id')} AND ${GAG_IN_FORCE})
 GROUP BY m.type`;
}

/**
 * The case ids are split into equal ranges (they are random UUIDs), each aggregated on its own:
 * PostgreSQL runs the parts side by side in parallel workers (Parallel Append), and each part's
 * sorts stay in memory (within work_mem). At least 4 parts, one per 300,000 cases.
 */
const partsFor = (cases: number) => Math.min(32, Math.max(4, Math.ceil(cases / 300_000)));

function parts(count: number, narrow: boolean): Part[] {
  const bounds = Array.from({ length: count - 1 }, (_, i) => {
    const hex = Math.floor(((i + 1) * 2 ** 32) / count)
      .toString(16)
      .padStart(8, '0');
    return `'${hex}-0000-0000-0000-000000000000'::uuid`;
  });
  return Array.from({ length: count }, (_, i) => {
    const inPart = (column: string) =>
      [
        i > 0 ? `${column} >= ${bounds[i - 1]}` : '',
        i < count - 1 ? `${column} < ${bounds[i]}` : '',
      ]
        .filter(Boolean)
        .join(' AND ') || 'true';
    const inPeriod = (column: string) =>
      `${inPart(column)} AND ${column} IN (SELECT pc.id FROM cases pc WHERE pc.received_at >= $1 AND pc.received_at < $2 AND ${inPart('pc.id')})`;
    return { in: inPart, rows: narrow ? inPeriod : inPart };
  });
}

/**
 * Every figure of the transparency report in one statement (one snapshot), aggregated in SQL. The
 * cases are taken in ranges of their ids, each with its parts in id order from the report
 * indexes (merge joins, no hash table over all cases); the parts' rows are added up at the end,
 * where kinds and countries get their names back and small citations are combined into "other"
 * (cases of citations held by fewer than $6 cases, found through legal_bases_citation_key_idx).
 *
 * Wide (the period holds much of the data): every part table is read whole, in case order. Narrow
 * (a short period): part rows are only read for cases received in the period.
 */
export function figuresSql(partCount: number, narrow: boolean): string {
  const figures = parts(partCount, narrow).flatMap((p) => [
    caseFigures(p),
    citationFigures(p),
    challengedFigures(p),
    approximateDowntimeFigures(p),
    measureFigures(p),
  ]);
  return `
WITH s AS MATERIALIZED (
  SELECT u.section, u.key, min(u.label) AS label, sum(u.n) AS n
    FROM (${figures.join('\n  UNION ALL\n')}) u
   GROUP BY u.section, u.key
),
authority_order AS MATERIALIZED ${AUTHORITY_ORDER},
kinds AS (SELECT DISTINCT kord, kind FROM authority_order),
countries AS (SELECT DISTINCT cord, country FROM authority_order)
SELECT section, CASE WHEN key = 'downtime_seconds' THEN 'downtime_hours' ELSE key END AS key, NULL AS label,
       (CASE WHEN key = 'downtime_seconds' THEN n / 3600 ELSE n END)::float8 AS n
  FROM s WHERE section NOT IN ('legal_basis', 'kord', 'cord') OR section = 'legal_basis' AND key IN ('not_recorded', 'not_stated')
UNION ALL
SELECT 'authority_kind', coalesce(k.kind, 'not_recorded'), NULL, sum(s.n)::float8
  FROM s LEFT JOIN kinds k ON k.kord = s.key::int WHERE s.section = 'kord' GROUP BY 2
UNION ALL
SELECT 'country', o.country, NULL, s.n::float8
  FROM s JOIN countries o ON o.cord = s.key::int WHERE s.section = 'cord'
UNION ALL
SELECT 'origin', CASE WHEN o.country IS NULL THEN 'not_recorded' WHEN o.country = $5 THEN 'domestic' ELSE 'foreign' END,
       NULL, sum(s.n)::float8
  FROM s LEFT JOIN countries o ON o.cord = s.key::int WHERE s.section = 'cord' GROUP BY 2
UNION ALL
SELECT 'legal_basis', key, label || ' (' || left(key, 2) || ')', n::float8
  FROM s WHERE section = 'legal_basis' AND key NOT IN ('not_recorded', 'not_stated') AND n >= $6
UNION ALL
SELECT 'legal_basis', 'other', NULL, count(DISTINCT b.case_id)::float8
  FROM legal_bases b JOIN cases c ON c.id = b.case_id
 WHERE ${citationKey('b')} IN (SELECT key FROM s WHERE section = 'legal_basis' AND key NOT IN ('not_recorded', 'not_stated') AND n < $6)
   AND ${CASE_INCLUDED('c')}
   AND NOT EXISTS (SELECT 1 FROM gag_orders g WHERE g.case_id = c.id AND ${GAG_IN_FORCE})`;
}

/** The statements by part count and form, made once each. */
const figuresStatements = new Map<string, string>();
function figuresStatement(partCount: number, narrow: boolean): string {
  const key = `${partCount}:${narrow}`;
  let sql = figuresStatements.get(key);
  if (!sql) figuresStatements.set(key, (sql = figuresSql(partCount, narrow)));
  return sql;
}

/**
 * Which form of the figures statement suits the period, and the planner setting it needs. Narrow
 * when the period holds under a fifth of the cases (counted up to that fifth; the total is the
 * planner's estimate, 0 before the first ANALYZE). PostgreSQL would otherwise rather parallelise
 * the scans inside each part (a Gather each, workers started again and again, parts one after the
 * other) than run the parts side by side; a higher parallel_setup_cost tips it, for this statement.
 */
const PLAN_SQL = `
WITH t AS (SELECT greatest(coalesce((SELECT c.reltuples FROM pg_class c WHERE c.oid = to_regclass('cases')), 0), 0)::bigint AS total)
SELECT t.total, current_setting('parallel_setup_cost') AS setup_cost,
       (SELECT count(*) FROM (SELECT 1 FROM cases c WHERE c.received_at >= $1 AND c.received_at < $2
                               LIMIT (SELECT total / 5 + 1 FROM t)) p) AS in_period
  FROM t`;
const PARALLEL_SETUP_COST = 10_000;

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
 * $5: the request types counted, $6: the member states, $7: the unit (see INCLUDED).
 */
const DSA_SQL = `
WITH inc AS MATERIALIZED (${INCLUDED} AND c.request_type = ANY($5::text[])),
issuer AS (
  -- ranks have one digit: in text they sort as in numbers
  SELECT ca.case_id, substr(min(${principalRank('ca')}::text || a.country), 2) AS country
    FROM case_authorities ca JOIN inc ON inc.id = ca.case_id JOIN authorities a ON a.id = ca.authority_id
   WHERE ${countedRole('ca')}
   GROUP BY ca.case_id
),
o AS MATERIALIZED (
  SELECT i.id, i.received_at, i.outcome,
         CASE WHEN i.request_type = 'takedown' THEN 'act' ELSE 'information' END AS order_type,
         (SELECT count(*) FROM targets tg WHERE tg.case_id = i.id) AS items,
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
  SELECT sc.case_id, min(sc.changed_at)
    FROM case_status_changes sc JOIN o ON o.id = sc.case_id
   WHERE o.order_type = 'act' AND o.outcome NOT IN ('none_refused', 'withdrawn') AND sc.to_status = 'responded'
     AND sc.changed_at >= o.received_at
   GROUP BY sc.case_id
),
t AS (
  SELECT o.order_type, o.member_state, o.items,
         extract(epoch FROM ack.at - o.received_at)::float8 / 3600 AS ack_hours,
         -- A handover before the order was received (e.g. in an emergency) counts as 0 h; no handover stays NULL.
         CASE WHEN effect.at < o.received_at THEN 0
              ELSE extract(epoch FROM effect.at - o.received_at)::float8 / 3600 END AS effect_hours
    FROM o LEFT JOIN ack ON ack.case_id = o.id LEFT JOIN effect ON effect.case_id = o.id
)
SELECT order_type, member_state, count(*)::int AS n, sum(items)::int AS n_items,
       count(ack_hours)::int AS n_acknowledged,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_hours) AS median_ack_hours,
       count(effect_hours)::int AS n_effect,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY effect_hours) AS median_effect_hours
  FROM t
 GROUP BY GROUPING SETS ((order_type, member_state), (order_type))`;

/** The statements, for EXPLAIN in the benchmark. */
export const REPORT_SQL = {
  figures: figuresStatement(4, false),
  figuresNarrow: figuresStatement(4, true),
  dsa: DSA_SQL,
};

/** The SQL of the reports; see ReportsService for what the figures mean. */
@Injectable()
export class ReportsRepository {
  async figures(manager: EntityManager, q: ReportQuery): Promise<FigureRow[]> {
    const params = this.params(q);
    const [plan] = (await manager.query(PLAN_SQL, params.slice(0, 2))) as {
      total: number;
      setup_cost: string;
      in_period: number;
    }[];
    const narrow = Number(plan.total) > 0 && Number(plan.in_period) * 5 < Number(plan.total);
    const raise = Number(plan.setup_cost) < PARALLEL_SETUP_COST;
    if (raise) await this.setParallelSetupCost(manager, String(PARALLEL_SETUP_COST));
    const sql = figuresStatement(partsFor(Number(plan.total)), narrow);
    const rows: FigureRow[] = await manager.query(sql, params);
    // Back to the setting before (SET LOCAL would last until the end of the transaction).
    if (raise) await this.setParallelSetupCost(manager, plan.setup_cost);
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  private async setParallelSetupCost(manager: EntityManager, value: string) {
    await manager.query(`SELECT set_config('parallel_setup_cost', $1, true)`, [value]);
  }

  async dsaOrders(
    manager: EntityManager,
    q: ReportQuery,
    memberStates: readonly string[],
  ): Promise<DsaRow[]> {
    const params = this.params(q);
    const rows: DsaRow[] = await manager.query(DSA_SQL, [
      ...params.slice(0, 4),
      [...DSA_ORDERS_TO_ACT, ...DSA_ORDERS_TO_PROVIDE_INFORMATION],
      memberStates,
      params[6],
    ]);
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({
      ...r,
      n: Number(r.n),
      n_items: Number(r.n_items),
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
      q.unitId,
    ];
  }
}
