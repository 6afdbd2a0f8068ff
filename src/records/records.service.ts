import { Injectable } from '@nestjs/common';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import type { RecordBase } from '../database/record-base.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { NotFoundError, PreconditionFailedError, ValidationFailedError, type FieldError } from '../errors/domain-errors.js';
import type { RecordData, RecordDefinition } from './record-definition.js';

/** Narrows lookups to one parent (a case's parts) or to none (directory records). */
export type Scope<E> = FindOptionsWhere<E>;

/**
 * Create, read, update and delete for any record kind, with the same rules everywhere:
 * one transaction per write, stale If-Match versions refused, null refused for required fields,
 * the definition's business rules checked on the merged record.
 */
@Injectable()
export class RecordsService {
  constructor(private readonly uow: UnitOfWork) {}

  list<E extends RecordBase>(manager: EntityManager, def: RecordDefinition<E>, scope: Scope<E>): Promise<E[]> {
    return manager.find(def.entity, { where: scope, order: def.order });
  }

  async get<E extends RecordBase>(manager: EntityManager, def: RecordDefinition<E>, scope: Scope<E>, id: string, lock = false): Promise<E> {
    const found = await manager.findOne(def.entity, {
      where: { ...scope, id } as FindOptionsWhere<E>,
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!found) throw new NotFoundError(def.name, id);
    return found;
  }

  async create<E extends RecordBase>(manager: EntityManager, def: RecordDefinition<E>, data: RecordData<E>): Promise<E> {
    const record = manager.create(def.entity, this.normalize(manager, def, data) as E);
    await this.check(manager, def, record, undefined);
    return manager.save(record);
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
    const record = Object.assign(manager.create(def.entity, { ...existing }), this.normalize(manager, def, changes));
    await this.check(manager, def, record, existing);
    return manager.save(record);
  }

  async remove<E extends RecordBase>(manager: EntityManager, def: RecordDefinition<E>, scope: Scope<E>, id: string, expectedVersion: number | undefined) {
    const existing = await this.get(manager, def, scope, id, true);
    this.checkVersion(def, existing, expectedVersion);
    await manager.delete(def.entity, { id } as FindOptionsWhere<E>);
    return existing;
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.uow.run(work);
  }

  private checkVersion<E extends RecordBase>(def: RecordDefinition<E>, existing: E, expected: number | undefined) {
    if (expected !== undefined && expected !== existing.version) {
      throw new PreconditionFailedError(
        `The ${def.name} is at version ${existing.version}, not ${expected}: someone changed it since you read it. Read it again and reapply your change.`,
      );
    }
  }

  /** Timestamps arrive as ISO strings with an offset; store and return them as instants. */
  private normalize<E extends RecordBase>(manager: EntityManager, def: RecordDefinition<E>, data: RecordData<E>): RecordData<E> {
    const out: Record<string, unknown> = { ...data };
    for (const column of manager.connection.getMetadata(def.entity).columns) {
      const value = out[column.propertyName];
      if (column.type === 'timestamptz' && typeof value === 'string') out[column.propertyName] = new Date(value);
    }
    return out as RecordData<E>;
  }

  private rejectNullForRequired<E extends RecordBase>(manager: EntityManager, def: RecordDefinition<E>, changes: RecordData<E>) {
    const columns = manager.connection.getMetadata(def.entity).columns;
    const errors: FieldError[] = [];
    for (const [key, value] of Object.entries(changes)) {
      const column = columns.find((c) => c.propertyName === key);
      if (value === null && column && !column.isNullable) errors.push({ field: key, message: 'must not be null' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
  }

  private async check<E extends RecordBase>(manager: EntityManager, def: RecordDefinition<E>, record: E, existing: E | undefined) {
    const errors = (await def.prepare?.(manager, record, existing)) ?? [];
    if (errors.length) throw new ValidationFailedError(errors);
  }
}
