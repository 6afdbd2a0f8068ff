import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { includedSql, type FigureRow, type ReportQuery } from './reports.repository.js';

/** One calendar year's main figures (trends across periods). */
export interface YearRow {
  year: number;
  requests: number;
  produced: number;
  no_data: number;
  refused: number;
  defective: number;
  emergency: number;
}

const PRODUCED = `('produced_in_full', 'produced_in_part')`;

/**
 * The cases a public report counts (INCLUDED: the period, no gag or embargo in force), with the
 * columns the dimensions need. $1-$4 as for the figures, $5 the unit.
 */
const CASES = `
  SELECT i.*, cs.defects, cs.defect_outcome, cs.emergency, cs.user_notified_at
    FROM (${includedSql('$5')}) i JOIN cases cs ON cs.id = i.id`;

/**
 * The figures of the report's dimensions beyond the classic counts, exact, as (section, key, n)
 * rows: defects and what became of them, emergency requests, what we answered (content, other
 * data, no data, refused), data asked for and handed over per kind, notification and its median
 * delay in days. Read in one statement (one snapshot) next to the main figures, and kept apart
 * from their tuned query: these read few columns of the period's cases only.
 */
const DIMENSIONS_SQL = `
WITH c AS MATERIALIZED (${CASES}),
dc AS (SELECT d.case_id, bool_or(d.data_category = 'content') AS content
         FROM disclosures d JOIN c ON c.id = d.case_id GROUP BY d.case_id)
SELECT 'defects' AS section, 'defective' AS key, count(*) FILTER (WHERE cardinality(c.defects) > 0)::float8 AS n FROM c
UNION ALL
SELECT 'defects', d.defect, count(*)::float8 FROM c CROSS JOIN LATERAL unnest(c.defects) AS d(defect) GROUP BY d.defect
UNION ALL
SELECT 'defects', 'outcome:' || coalesce(c.defect_outcome, 'pending'), count(*)::float8
  FROM c WHERE cardinality(c.defects) > 0 GROUP BY 2
UNION ALL
SELECT 'emergency', 'emergency', count(*) FILTER (WHERE c.emergency)::float8 FROM c
UNION ALL
SELECT 'emergency', 'emergency_produced', count(*) FILTER (WHERE c.emergency AND c.outcome IN ${PRODUCED})::float8 FROM c
UNION ALL
SELECT 'response_kind',
       CASE WHEN c.outcome IN ${PRODUCED} THEN
              CASE WHEN dc.content THEN 'content' WHEN dc.case_id IS NOT NULL THEN 'non_content' ELSE 'produced_not_recorded' END
            WHEN c.outcome = 'none_no_data' THEN 'no_data'
            WHEN c.outcome = 'none_refused' THEN 'refused'
            WHEN c.outcome = 'withdrawn' THEN 'withdrawn'
            ELSE 'pending' END,
       count(*)::float8
  FROM c LEFT JOIN dc ON dc.case_id = c.id GROUP BY 2
UNION ALL
SELECT 'data_categories', x.category || ':requested', count(DISTINCT x.case_id)::float8
  FROM (SELECT t.case_id, unnest(t.data_categories) AS category FROM targets t JOIN c ON c.id = t.case_id) x
 GROUP BY x.category
UNION ALL
SELECT 'data_categories', d.data_category || ':released', count(DISTINCT d.case_id)::float8
  FROM disclosures d JOIN c ON c.id = d.case_id GROUP BY d.data_category
UNION ALL
SELECT 'notification', 'required', count(*) FILTER (WHERE c.notify_required)::float8 FROM c
UNION ALL
SELECT 'notification', 'notified', count(*) FILTER (WHERE c.notify_required AND c.notified)::float8 FROM c
UNION ALL
SELECT 'notification', 'median_delay_days',
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.user_notified_at - c.received_at) / 86400)
         FILTER (WHERE c.notify_required AND c.notified AND c.user_notified_at >= c.received_at)
  FROM c`;

/** The main figures per calendar year in time zone $6. */
const TRENDS_SQL = `
WITH c AS MATERIALIZED (${CASES})
SELECT extract(year FROM c.received_at AT TIME ZONE $6)::int AS year,
       count(*)::int AS requests,
       count(*) FILTER (WHERE c.outcome IN ${PRODUCED})::int AS produced,
       count(*) FILTER (WHERE c.outcome = 'none_no_data')::int AS no_data,
       count(*) FILTER (WHERE c.outcome = 'none_refused')::int AS refused,
       count(*) FILTER (WHERE cardinality(c.defects) > 0)::int AS defective,
       count(*) FILTER (WHERE c.emergency)::int AS emergency
  FROM c GROUP BY 1 ORDER BY 1`;

/** SQL of the report dimensions (src/reports/report-dimensions.ts composes them). */
@Injectable()
export class ReportDimensionsRepository {
  async figures(manager: EntityManager, q: ReportQuery): Promise<FigureRow[]> {
    const rows: { section: string; key: string; n: number | string | null }[] = await manager.query(
      DIMENSIONS_SQL,
      this.params(q),
    );
    return rows
      .filter((r) => r.n !== null)
      .map((r) => ({ section: r.section, key: r.key, label: null, n: Number(r.n) }));
  }

  /** The main figures of each calendar year (in `timeZone`) of the period that has cases. */
  async years(manager: EntityManager, q: ReportQuery, timeZone: string): Promise<YearRow[]> {
    const rows: YearRow[] = await manager.query(TRENDS_SQL, [...this.params(q), timeZone]);
    return rows.map((r) => ({
      year: Number(r.year),
      requests: Number(r.requests),
      produced: Number(r.produced),
      no_data: Number(r.no_data),
      refused: Number(r.refused),
      defective: Number(r.defective),
      emergency: Number(r.emergency),
    }));
  }

  private params(q: ReportQuery): unknown[] {
    return [
      q.from.toISOString(),
      q.to.toISOString(),
      q.now.toISOString(),
      q.includeRestricted,
      q.unitId,
    ];
  }
}
