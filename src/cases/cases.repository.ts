import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseSort, ListCasesQuery } from './dto/list-cases.query.js';
import type { Cursor } from '../common/cursor.js';
import { caseVisibleSql } from '../access/case-visibility.js';
import { gagInForceSql } from '../domain/withheld.js';
import type { ExtraRead } from '../records/record-reader.js';
import { unitAndBelowSql } from '../units/unit-tree.js';

export interface CaseListRow {
  id: string;
  reference: string;
  title: string;
  request_type: string;
  channel: string | null;
  emergency: boolean;
  received_at: string;
  status: string;
  outcome: string;
  unit_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  sort_value: string;
  /** With a text query: found only in the text of its files. */
  matched_in_files?: boolean;
}

export interface OpenDeadlineRow {
  id: string;
  case_id: string;
  kind: string;
  due_at: Date;
  notes: string | null;
  rule: string | null;
  reference: string;
  title: string;
}

const SORT_COLUMNS: Record<string, { column: string; cast: string }> = {
  receivedAt: { column: 'c.received_at', cast: 'timestamptz' },
  updatedAt: { column: 'c.updated_at', cast: 'timestamptz' },
  reference: { column: 'c.reference', cast: 'text' },
};

/** Letters and digits that are hard to confuse; a letter first, so it never looks like a number. */
const LETTERS = 'ABCDEFGHJKMNPQRSTVWXYZ';
const CHARACTERS = `${LETTERS}23456789`;
const randomSuffix = () =>
  LETTERS[randomInt(LETTERS.length)] +
  Array.from({ length: 5 }, () => CHARACTERS[randomInt(CHARACTERS.length)]).join('');

/** Full-text query over German, English and unstemmed words. */
export const TEXT_QUERY = (p: string) =>
  `(websearch_to_tsquery('simple', ${p}) || websearch_to_tsquery('german', ${p}) || websearch_to_tsquery('english', ${p}))`;

/** A case of the list as the API answers it; shared with the benchmark's raw server. */
export function caseListItem(row: CaseListRow) {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    requestType: row.request_type,
    channel: row.channel,
    emergency: row.emergency,
    receivedAt: row.received_at,
    status: row.status,
    outcome: row.outcome,
    unitId: row.unit_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.matched_in_files !== undefined && { matchedInFiles: row.matched_in_files }),
  };
}

/** The SQL of the case list, built from filters; shared with the benchmark's raw server. */
export function buildCaseListQuery(
  query: ListCasesQuery,
  cursor: Cursor | undefined,
  limit: number,
  now: Date,
  userId: string | null,
  withPrivilegedFiles = false,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [caseVisibleSql(p(userId))];
  if (query.status?.length) where.push(`c.status = ANY(${p(query.status)}::text[])`);
  // Cases recorded in error are out of sight unless asked for.
  if (!query.includeVoid && !query.status?.includes('void')) where.push(`c.status <> 'void'`);
  if (query.requestType?.length)
    where.push(`c.request_type = ANY(${p(query.requestType)}::text[])`);
  if (query.receivedFrom) where.push(`c.received_at >= ${p(query.receivedFrom)}::timestamptz`);
  if (query.receivedTo) where.push(`c.received_at < ${p(query.receivedTo)}::timestamptz`);
  if (query.authorityId) {
    where.push(
      `EXISTS (SELECT 1 FROM case_authorities ca WHERE ca.case_id = c.id AND ca.authority_id = ${p(query.authorityId)}::uuid)`,
    );
  }
  if (query.unit) where.push(`c.unit_id IN ${unitAndBelowSql(p(query.unit))}`);
  if (query.country) {
    where.push(
      `EXISTS (SELECT 1 FROM case_authorities ca JOIN authorities a ON a.id = ca.authority_id WHERE ca.case_id = c.id AND a.country = ${p(query.country)})`,
    );
  }
  if (query.hasGag !== undefined) {
    const nowParam = p(now);
    where.push(
      `${query.hasGag ? '' : 'NOT '}EXISTS (SELECT 1 FROM gag_orders g WHERE g.case_id = c.id AND ${gagInForceSql('g', `${nowParam}::timestamptz`)})`,
    );
  }
  if (query.overdue !== undefined) {
    where.push(
      `${query.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM deadlines d WHERE d.case_id = c.id AND d.done_at IS NULL AND d.due_at < ${p(now)}::timestamptz)`,
    );
  }
  // Full-text search: the case's own text and its timeline (one GIN index, kept current by a
  // trigger), or the text of its files (another index, joined to the files of each case).
  // Privileged files count only for roles that may see them; restricted cases stay out by the
  // visibility condition.
  let search: { inCase: string; inFiles: string } | undefined;
  if (query.q) {
    const text = TEXT_QUERY(p(query.q));
    search = {
      inCase: `(c.search || c.timeline_search) @@ ${text}`,
      inFiles: `c.id IN (
      SELECT sf.case_id FROM file_texts st
        JOIN case_file_versions sv ON sv.sha256 = st.sha256
        JOIN case_files sf ON sf.id = sv.file_id
       WHERE st.search @@ ${text}${withPrivilegedFiles ? '' : ' AND NOT sf.privileged'})`,
    };
  }
  const sort: CaseSort = query.sort ?? '-receivedAt';
  const descending = sort.startsWith('-');
  const { column, cast } = SORT_COLUMNS[sort.replace('-', '')];
  if (cursor) {
    where.push(
      `(${column}, c.id) ${descending ? '<' : '>'} (${p(cursor.value)}::${cast}, ${p(cursor.id)}::uuid)`,
    );
  }
  const direction = descending ? 'DESC' : 'ASC';
  const limitParam = p(limit + 1);
  // Timestamps are formatted by PostgreSQL: parsing them into Dates only to print them again costs a quarter of a list request.
  const iso = (col: string) =>
    `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const columns = `c.id, c.reference, c.title, c.request_type, c.channel, c.emergency, ${iso('c.received_at')} AS received_at,
      c.status, c.outcome, c.unit_id, c.version, ${iso('c.created_at')} AS created_at, ${iso('c.updated_at')} AS updated_at,
      ${column}::text AS sort_value`;
  const page = (conditions: string[], extra = '') =>
    `SELECT ${columns}${extra}
    FROM cases c
    ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    ORDER BY ${column} ${direction}, c.id ${direction}
    LIMIT ${limitParam}`;
  if (!search) return { sql: page(where), params };
  // A match in the case or in its files: each its own page in sort order, merged. One condition
  // with OR (or IN over a UNION of both) leaves PostgreSQL no plan that suits both a frequent
  // word (walk the sort index, test each case) and a rare one (the text index, then sort): it
  // took half a second for a word in one case of eight among 100,000.
  const sql = `SELECT u.id, u.reference, u.title, u.request_type, u.channel, u.emergency, u.received_at,
      u.status, u.outcome, u.unit_id, u.version, u.created_at, u.updated_at, u.sort_value, u.matched_in_files
    FROM ((${page([...where, search.inCase], `, false AS matched_in_files, ${column} AS sort_key`)})
          UNION
          (${page([...where, search.inFiles], `, NOT (${search.inCase}) AS matched_in_files, ${column} AS sort_key`)})) u
    ORDER BY u.sort_key ${direction}, u.id ${direction}
    LIMIT ${limitParam}`;
  return { sql, params };
}

@Injectable()
export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A status change as data (transparency reports count from it), in the caller's transaction. */
  async recordStatusChange(
    m: EntityManager,
    change: {
      caseId: string;
      from: string;
      to: string;
      changedAt: Date | string;
      actorId: string | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO case_status_changes (case_id, from_status, to_status, changed_at, actor_id)
       VALUES ($1, $2, $3, $4::timestamptz, $5)`,
      [
        change.caseId,
        change.from,
        change.to,
        new Date(change.changedAt).toISOString(),
        change.actorId,
      ],
    );
  }

  list(
    query: ListCasesQuery,
    cursor: Cursor | undefined,
    limit: number,
    now: Date,
    userId: string | null,
    withPrivilegedFiles: boolean,
  ): Promise<CaseListRow[]> {
    const { sql, params } = buildCaseListQuery(
      query,
      cursor,
      limit,
      now,
      userId,
      withPrivilegedFiles,
    );
    return this.dataSource.query(sql, params);
  }

  /**
   * The next number of the open sequence YEAR-NNN: one counter row per year, updated in place (no
   * scan); its row lock orders the cases of one year until commit, and a rollback returns the
   * number. A number already taken by a chosen reference of an open case is skipped; one taken by
   * a restricted case is not, since skipping it would show that the case exists.
   */
  async nextOpenReference(manager: EntityManager, year: number): Promise<string> {
    for (;;) {
      const [row]: { n: string | number }[] = await manager.query(
        `INSERT INTO case_reference_counters AS k (year, last_number) VALUES ($1, 1)
           ON CONFLICT (year) DO UPDATE SET last_number = k.last_number + 1 RETURNING k.last_number AS n`,
        [year],
      );
      const reference = `${String(year).padStart(4, '0')}-${String(row.n).padStart(3, '0')}`;
      if (!(await this.openReferenceTaken(manager, reference))) return reference;
    }
  }

  /**
   * A reference for a case logged as restricted: the year and six random characters, so that it
   * takes no number of the open sequence and tells nobody how many hidden cases there are.
   */
  async nextRestrictedReference(manager: EntityManager, year: number): Promise<string> {
    for (;;) {
      const reference = `${String(year).padStart(4, '0')}-${randomSuffix()}`;
      const taken: unknown[] = await manager.query('SELECT 1 FROM cases WHERE reference = $1', [
        reference,
      ]);
      if (taken.length === 0) return reference;
    }
  }

  private async openReferenceTaken(manager: EntityManager, reference: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM cases WHERE reference = $1 AND NOT restricted',
      [reference],
    );
    return rows.length > 0;
  }

  /**
   * Whether another case that the user can see has this reference. Cases they cannot see do not
   * count: a refusal because of one would confirm that it exists.
   */
  async referenceTakenFor(
    manager: EntityManager,
    reference: string,
    exceptCaseId: string | null,
    userId: string | null,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM cases c WHERE c.reference = $1 AND c.id IS DISTINCT FROM $2::uuid
          AND ${caseVisibleSql('$3')} LIMIT 1`,
      [reference, exceptCaseId, userId],
    );
    return rows.length > 0;
  }

  /** Open deadlines across all cases, soonest first; only those already past due when overdueOnly. */
  openDeadlines(
    now: Date,
    overdueOnly: boolean,
    limit: number,
    userId: string | null,
  ): Promise<OpenDeadlineRow[]> {
    return this.dataSource.query(
      `SELECT d.id, d.case_id, d.kind, d.due_at, d.notes, d.rule, c.reference, c.title
         FROM deadlines d JOIN cases c ON c.id = d.case_id
        WHERE d.done_at IS NULL ${overdueOnly ? 'AND d.due_at < $1' : 'AND $1::timestamptz IS NOT NULL'}
          AND ${caseVisibleSql('$3')} AND c.status <> 'void'
        ORDER BY d.due_at, d.id
        LIMIT $2`,
      [now, limit, userId],
    );
  }

  /**
   * Owners (customers) of the systems a case's affected systems name, where recorded (id →
   * owner), as inventoryNamesOf.
   */
  inventoryOwnersOf(caseId: string): ExtraRead {
    return (bind) =>
      `(SELECT coalesce(json_object_agg(i.id, i.owner) FILTER (WHERE i.owner IS NOT NULL), '{}') FROM inventory_items i
         WHERE i.id IN (SELECT a.inventory_item_id FROM affected_systems a WHERE a.case_id = ${bind(caseId)}::uuid))`;
  }

  /**
   * Inventory names of the systems a case's affected systems name (id → name), as a scalar
   * subquery for RecordsService.listMany: read with the case file in one round trip.
   */
  inventoryNamesOf(caseId: string): ExtraRead {
    return (bind) =>
      `(SELECT coalesce(json_object_agg(i.id, i.name), '{}') FROM inventory_items i
         WHERE i.id IN (SELECT a.inventory_item_id FROM affected_systems a WHERE a.case_id = ${bind(caseId)}::uuid))`;
  }

  /**
   * The authorities a case involves, as case authorities or as the authority that ordered or
   * executed one of its measures (id → name, kind, country), as inventoryNamesOf.
   */
  authorityNamesOf(caseId: string): ExtraRead {
    return (bind) => {
      const id = bind(caseId);
      return `(SELECT coalesce(json_object_agg(a.id, json_build_object('name', a.name, 'kind', a.kind, 'country', a.country)), '{}')
          FROM authorities a
         WHERE a.id IN (SELECT ca.authority_id FROM case_authorities ca WHERE ca.case_id = ${id}::uuid
                        UNION SELECT m.ordered_by_id FROM measures m WHERE m.case_id = ${id}::uuid
                        UNION SELECT m.executed_by_id FROM measures m WHERE m.case_id = ${id}::uuid))`;
    };
  }
}
