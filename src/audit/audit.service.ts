import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { currentContext } from '../common/request-context.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AUDIT_CONFIG } from '../config/config.module.js';
import { type AuditConfig } from '../config/audit.settings.js';
import type { AuditEntry } from './audit-entry.js';
import { canonicalJson, leafHashOf, type AuditContent } from './audit-hash.js';
import { AuditSequencer } from './audit-sequencer.js';
import { uuidV7 } from './uuid-v7.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// NUL (refused by PostgreSQL text and jsonb) and lone surrogates (not storable as UTF-8).
/* eslint-disable no-control-regex -- matching NUL is the point */
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/;
const UNSTORABLE_CHARS =
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

/** Text as PostgreSQL will give it back: NUL and lone surrogates become U+FFFD. */
function storable(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE_CHARS, '\uFFFD') : text;
}

/** A JSON value as jsonb will give it back (Dates as ISO strings, no undefined, storable text), or null. */
function jsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? storable(v) : v,
  );
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

function uuidOrNull(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (!UUID.test(value))
    throw new TypeError(`audit entry: ${field} must be a UUID, not ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

const COLUMNS = 13;

/**
 * Records audit events inside the caller's write transaction: the event commits with the change
 * or not at all. Writers never serialise on the trail: record() only INSERTs an unsequenced row
 * with its leaf hash; the AuditSequencer gives it a position after the commit.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    private readonly sequencer: AuditSequencer,
    private readonly uow: UnitOfWork,
  ) {}

  /** True unless AUDIT_DISABLED=1 (a benchmark baseline). */
  get enabled(): boolean {
    return !this.config.disabled;
  }

  /**
   * Records one event in the transaction of `manager`. Who: the entry's actor, or the one the
   * transaction was opened for; request id and client address come from the request context.
   */
  record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    return this.recordMany(manager, [entry]);
  }

  /** Records several events in one statement, in the given order. */
  async recordMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    if (this.config.disabled || entries.length === 0) return;
    const context = currentContext();
    const transactionActor = this.uow.actorOf(manager);
    const now = Date.now();
    const occurredAt = new Date(now).toISOString();
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const entry of entries) {
      const actor = entry.actor ?? transactionActor;
      // An event without an actor is a programming error, never a record of "somebody".
      if (!actor) throw new Error(`audit event ${entry.action} without an actor`);
      const content: AuditContent = {
        id: uuidV7(now),
        occurred_at: occurredAt,
        actor_id: uuidOrNull(actor.userId, 'actor.userId'),
        actor_label: storable(actor.label),
        action: storable(entry.action),
        entity_type: storable(entry.entityType),
        entity_id: uuidOrNull(entry.entityId, 'entityId'),
        case_id: uuidOrNull(entry.caseId, 'caseId'),
        changes: jsonValue(entry.changes),
        details: jsonValue(entry.details),
        request_id: context.requestId === null ? null : storable(context.requestId),
        client_address: context.clientAddress === null ? null : storable(context.clientAddress),
      };
      const base = params.length;
      params.push(
        content.id,
        content.occurred_at,
        content.actor_id,
        content.actor_label,
        content.action,
        content.entity_type,
        content.entity_id,
        content.case_id,
        content.changes === null ? null : canonicalJson(content.changes),
        content.details === null ? null : canonicalJson(content.details),
        content.request_id,
        content.client_address,
        leafHashOf(content).toString('hex'),
      );
      const p = (i: number) => `$${base + i}`;
      tuples.push(
        `(${p(1)}::uuid, ${p(2)}::timestamptz, ${p(3)}::uuid, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}::uuid, ${p(8)}::uuid, ` +
          `${p(9)}::jsonb, ${p(10)}::jsonb, ${p(11)}, ${p(12)}, decode(${p(COLUMNS)}, 'hex'))`,
      );
    }
    await manager.query(
      `INSERT INTO audit_events (id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, case_id,
         changes, details, request_id, client_address, leaf_hash) VALUES ${tuples.join(', ')}`,
      params,
    );
    this.sequencer.noteWrite(manager.queryRunner);
  }

  /**
   * Records an event in a transaction of its own, for events that accompany no write (a failed
   * sign-in, a read of a restricted case, an export). Must not be called while the caller holds
   * an open transaction (on PGlite it would wait for itself).
   */
  recordStandalone(actor: Actor, entry: AuditEntry): Promise<void> {
    if (this.config.disabled) return Promise.resolve();
    return this.uow.run(actor, (manager) => this.record(manager, entry));
  }
}
