import { Injectable } from '@nestjs/common';
import { IsNull, QueryFailedError, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { RecordBase } from '../database/record-base.js';
import { AuditService } from '../audit/audit.service.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import {
  NotFoundError,
  PreconditionFailedError,
  ValidationFailedError,
  type FieldError,
} from '../errors/domain-errors.js';
import type { RecordData, RecordDefinition } from './record-definition.js';
import { RecordReader, isPlainScope, type ExtraRead } from './record-reader.js';

/** A row still referenced: foreign_key_violation, or restrict_violation (ON DELETE RESTRICT since PostgreSQL 17). */
const isStillReferenced = (error: unknown) =>
  error instanceof QueryFailedError &&
  ['23503', '23001'].includes(
    (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code ??
      (error as { code?: string }).code ??
      '',
  );

type AuditChanges = Record<string, { before?: unknown; after?: unknown }>;

const comparable = (v: unknown) =>
  v instanceof Date ? v.toISOString() : JSON.stringify(v ?? null);

/** The whitelisted fields that differ, before and after: what the audit trail keeps of a change. */
function auditDiff<E extends RecordBase>(
  def: RecordDefinition<E>,
  before: E | undefined,
  after: E | undefined,
): AuditChanges {
  const out: AuditChanges = {};
  for (const field of def.fields) {
    const b = before?.[field];
    const a = after?.[field];
    if (before && after && comparable(a) === comparable(b)) continue;
    out[field] = {
      ...(before ? { before: b instanceof Date ? b.toISOString() : (b ?? null) } : {}),
      ...(after ? { after: a instanceof Date ? a.toISOString() : (a ?? null) } : {}),
    };
  }
  return out;
}

/** Narrows lookups to one parent (a case's parts) or to none (directory records). */
export type Scope<E> = FindOptionsWhere<E>;

/**
 * Create, read, update and delete for any record kind, with the same rules everywhere:
 * one transaction per write, stale If-Match versions refused, null refused for required fields,
 * the definition's business rules checked on the merged record.
 */
@Injectable()
export class RecordsService {
  private readonly reader = new RecordReader();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list<E extends RecordBase>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    scope: Scope<E>,
  ): Promise<E[]> {
    if (isPlainScope(scope)) return this.reader.list(manager, def.entity, def.order, scope);
    return manager.find(def.entity, { where: scope, order: def.order });
  }

  /**
   * Several kinds of records, each by plain column equality, and scalar subqueries (`extras`), in
   * one round trip where the database allows it (RecordReader.many); in the order given.
   */
  async listMany<
    const D extends readonly {
      def: Pick<RecordDefinition<RecordBase>, 'entity' | 'order'>;
      where: Record<string, string>;
    }[],
  >(
    manager: EntityManager,
    reads: D,
    extras: readonly ExtraRead[] = [],
  ): Promise<{
    records: { [K in keyof D]: D[K] extends { def: { entity: new () => infer E } } ? E[] : never };
    extras: unknown[];
  }> {
    return (await this.reader.many(
      manager,
      reads.map(({ def, where }) => ({ entity: def.entity, order: def.order, where })),
      extras,
    )) as never;
  }

  async get<E extends RecordBase>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    scope: Scope<E>,
    id: string,
    lock = false,
  ): Promise<E> {
    const where = { ...scope, id };
    const [found] =
      !lock && isPlainScope(where)
        ? await this.reader.list(manager, def.entity, def.order, where)
        : [
            await manager.findOne(def.entity, {
              where: where as FindOptionsWhere<E>,
              ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
            }),
          ];
    if (!found) throw new NotFoundError(def.name, id);
    return found;
  }

  async create<E extends RecordBase>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    data: RecordData<E>,
  ): Promise<E> {
    const record = manager.create(def.entity, this.normalize(manager, def, data) as E);
    await this.check(manager, def, record, undefined);
    const saved = await manager.save(record);
    await this.recordChange(manager, def, 'create', saved, auditDiff(def, undefined, saved));
    return saved;
  }

  async update<E extends RecordBase>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    scope: Scope<E>,
    id: string,
    changes: RecordData<E>,
    expectedVersion: number | undefined,
  ): Promise<E> {
    const existing = await this.get(manager, def, scope, id, true);
    this.checkVersion(def, existing, expectedVersion);
    this.rejectNullForRequired(manager, def, changes);
    const record = Object.assign(
      manager.create(def.entity, { ...existing }),
      this.normalize(manager, def, changes),
    );
    await this.check(manager, def, record, existing);
    const diff = auditDiff(def, existing, record);
    if (Object.keys(diff).length === 0) return existing;
    const saved = await manager.save(record);
    await this.recordChange(manager, def, 'update', saved, diff);
    return saved;
  }

  async remove<E extends RecordBase>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    scope: Scope<E>,
    id: string,
    expectedVersion: number | undefined,
  ) {
    const existing = await this.get(manager, def, scope, id, true);
    this.checkVersion(def, existing, expectedVersion);
    await manager.delete(def.entity, { id } as FindOptionsWhere<E>);
    await this.recordChange(manager, def, 'delete', existing, auditDiff(def, existing, undefined));
    return existing;
  }

  /**
   * Removes a directory record (an authority, an inventory item): deleted when nothing refers to
   * it, archived when a case still does. The caller may not be allowed to see that case, so the
   * answer and the audit record are the same either way; the foreign keys decide, not a list here.
   */
  async retire<E extends RecordBase & { archivedAt: Date | null }>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    id: string,
    expectedVersion: number | undefined,
    /** A rule that may refuse the removal; checked after the version, so a stale copy hears 412 first. */
    refuse?: () => Promise<void>,
  ) {
    const existing = await this.get(manager, def, { archivedAt: IsNull() } as Scope<E>, id, true);
    this.checkVersion(def, existing, expectedVersion);
    await refuse?.();
    await manager.query('SAVEPOINT retire');
    try {
      await manager.delete(def.entity, { id } as FindOptionsWhere<E>);
      await manager.query('RELEASE SAVEPOINT retire');
    } catch (error) {
      if (!isStillReferenced(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT retire');
      await manager.query(
        `UPDATE ${manager.connection.getMetadata(def.entity).tableName} SET archived_at = now(), version = version + 1 WHERE id = $1`,
        [id],
      );
    }
    await this.recordChange(manager, def, 'delete', existing, auditDiff(def, existing, undefined));
  }

  private checkVersion<E extends RecordBase>(
    def: RecordDefinition<E>,
    existing: E,
    expected: number | undefined,
  ) {
    if (expected !== undefined && expected !== existing.version) {
      throw new PreconditionFailedError(
        `The ${def.name} is at version ${existing.version}, not ${expected}: someone changed it since you read it. Read it again and reapply your change.`,
      );
    }
  }

  private recordChange<E extends RecordBase>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    action: 'create' | 'update' | 'delete',
    record: E,
    changes: AuditChanges,
  ) {
    const caseId =
      (record as { caseId?: string }).caseId ?? (def.auditType === 'case' ? record.id : null);
    return this.audit.record(manager, {
      action,
      entityType: def.auditType,
      entityId: record.id,
      caseId,
      changes,
    });
  }

  /** Timestamps arrive as ISO strings with an offset; store and return them as instants. */
  private normalize<E extends RecordBase>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    data: RecordData<E>,
  ): RecordData<E> {
    const out: Record<string, unknown> = { ...data };
    for (const column of manager.connection.getMetadata(def.entity).columns) {
      const value = out[column.propertyName];
      if (column.type === 'timestamptz' && typeof value === 'string')
        out[column.propertyName] = new Date(value);
    }
    return out as RecordData<E>;
  }

  private rejectNullForRequired<E extends RecordBase>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    changes: RecordData<E>,
  ) {
    const columns = manager.connection.getMetadata(def.entity).columns;
    const errors: FieldError[] = [];
    for (const [key, value] of Object.entries(changes)) {
      const column = columns.find((c) => c.propertyName === key);
      if (value === null && column && !column.isNullable)
        errors.push({ field: key, message: 'must not be null' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
  }

  private async check<E extends RecordBase>(
    manager: EntityManager,
    def: RecordDefinition<E>,
    record: E,
    existing: E | undefined,
  ) {
    // The definition's rules see the actor the transaction was opened for (e.g. a note's author).
    const errors =
      (await def.prepare?.(manager, record, existing, this.uow.actorOf(manager))) ?? [];
    if (errors.length) throw new ValidationFailedError(errors);
  }
}
