import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { NotFoundError, ValidationFailedError } from '../errors/domain-errors.js';
import { toBuffer } from './audit-hash.js';
import { AuditSequencer } from './audit-sequencer.js';
import {
  MAX_AUDIT_PAGE,
  type AuditEventDto,
  type AuditEventPageDto,
  type ListAuditEventsQuery,
} from './dto/audit.dto.js';

/**
 * A condition on the case column that hides the events of cases the caller may not see
 * (restricted cases): given the column expression and a function that binds a parameter, it
 * returns SQL that is true for visible rows. Supplied by the access layer; null shows all.
 */
export type CaseVisibility = (caseIdColumn: string, bind: (value: unknown) => string) => string;

interface EventRow {
  seq: number | string;
  id: string;
  occurred_at: Date | string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  case_id: string | null;
  changes: Record<string, { before?: unknown; after?: unknown }> | null;
  details: Record<string, unknown> | null;
  request_id: string | null;
  client_address: string | null;
  leaf_hash: unknown;
  chain_hash: unknown;
}

/** The whitelist: what an event looks like in the API. */
function toDto(row: EventRow): AuditEventDto {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    caseId: row.case_id,
    changes: row.changes,
    details: row.details,
    requestId: row.request_id,
    clientAddress: row.client_address,
    leafHash: toBuffer(row.leaf_hash).toString('base64'),
    chainHash: toBuffer(row.chain_hash).toString('base64'),
  };
}

const COLUMNS = `seq, id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, case_id, changes, details,
  request_id, client_address, leaf_hash, chain_hash`;

/** Reading the trail: filtered lists and a case's history, in log order, by keyset on seq. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sequencer: AuditSequencer,
  ) {}

  /** GET /audit/events. `visibility` hides events of cases the caller may not see. */
  list(query: ListAuditEventsQuery, visibility?: CaseVisibility): Promise<AuditEventPageDto> {
    return this.page(query, visibility, (where, p) => {
      if (query.caseId) where.push(`case_id = ${p(query.caseId)}::uuid`);
      if (query.actorId) where.push(`actor_id = ${p(query.actorId)}::uuid`);
      if (query.action) where.push(`action = ${p(query.action)}`);
      if (query.from) where.push(`occurred_at >= ${p(query.from)}::timestamptz`);
      if (query.to) where.push(`occurred_at < ${p(query.to)}::timestamptz`);
    });
  }

  /**
   * GET /cases/{caseId}/history: the case's events in log order. 404 when there is no such case
   * (the caller's access to the case is checked before this is called).
   */
  async caseHistory(
    caseId: string,
    query: { cursor?: string; limit?: number },
    visibility?: CaseVisibility,
  ): Promise<AuditEventPageDto> {
    const found = (await this.dataSource.query('SELECT 1 FROM cases WHERE id = $1', [
      caseId,
    ])) as unknown[];
    if (found.length === 0) throw new NotFoundError('case', caseId);
    return this.page(query, visibility, (where, p) => where.push(`case_id = ${p(caseId)}::uuid`));
  }

  /** Every event of the case the visibility allows, in log order: for the documents that print them all. */
  async wholeCaseHistory(caseId: string, visibility?: CaseVisibility): Promise<AuditEventDto[]> {
    const events: AuditEventDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.caseHistory(caseId, { cursor, limit: MAX_AUDIT_PAGE }, visibility);
      events.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return events;
  }

  private async page(
    query: { cursor?: string; limit?: number },
    visibility: CaseVisibility | undefined,
    filter: (where: string[], bind: (value: unknown) => string) => void,
  ): Promise<AuditEventPageDto> {
    const limit = query.limit ?? 50;
    let after = 0;
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (!/^\d{1,16}$/.test(cursor.value))
        throw new ValidationFailedError([
          { field: 'cursor', message: 'is not a cursor returned by this API' },
        ]);
      after = Number(cursor.value);
    }
    // Read your writes: events committed a moment ago are placed before the list is read.
    await this.flushPending();

    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`seq > ${p(after)}`];
    filter(where, p);
    if (visibility) where.push(`(${visibility('case_id', p)})`);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${p(limit + 1)}`,
      params,
    )) as EventRow[];
    const items = rows.slice(0, limit).map(toDto);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ value: String(last.seq), id: last.id }) : null,
    };
  }

  /** The event at position `seq`, or null when there is none or `visibility` hides it. */
  async eventAt(seq: number, visibility: CaseVisibility): Promise<AuditEventDto | null> {
    const params: unknown[] = [seq];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_events WHERE seq = $1 AND (${visibility('case_id', p)})`,
      params,
    )) as EventRow[];
    return rows.length ? toDto(rows[0]) : null;
  }

  private async flushPending() {
    const pending = (await this.dataSource.query(
      'SELECT 1 FROM audit_events WHERE seq IS NULL LIMIT 1',
    )) as unknown[];
    if (pending.length > 0) await this.sequencer.run();
  }
}
