import type { Actor } from '../access/actor.js';
import type { EntityManager, FindOptionsOrder } from 'typeorm';
import type { RecordBase } from '../database/record-base.js';
import type { FieldError } from '../errors/domain-errors.js';

/** Input for a record: its own fields, timestamps also as ISO strings. */
export type RecordData<E> = {
  [K in Exclude<keyof E, keyof RecordBase>]?: E[K] extends Date | null ? E[K] | string : E[K];
};

/**
 * How one kind of record is stored, shown and checked. The generic RecordsService does the
 * rest (lookup, optimistic concurrency, whitelisted responses) the same way for every kind.
 */
export interface RecordDefinition<
  E extends RecordBase,
  F extends keyof E & string = keyof E & string,
> {
  /** Singular, for messages: "affected system". */
  name: string;
  /**
   * The entity type the audit trail records ("affected_system"). Fixed, never derived from the
   * name: the trail is append-only, so renaming a label must not split a record's history.
   */
  auditType: string;
  entity: new () => E;
  /** The fields a response shows (a whitelist); id, version and timestamps are always shown. */
  fields: readonly F[];
  order: FindOptionsOrder<E>;
  /**
   * Business rules run inside the write transaction on the merged record, before it is saved:
   * return field errors (→ 400), throw a DomainError, or fill derived fields. `actor` is the one
   * the transaction was opened for.
   */
  prepare?: (
    manager: EntityManager,
    record: E,
    existing: E | undefined,
    actor: Actor | undefined,
  ) => Promise<FieldError[] | void>;
}

/** A record as the API sends it: timestamps as ISO 8601 strings. */
export type Plain<E> = {
  [K in keyof E]: E[K] extends Date ? string : E[K] extends Date | null ? string | null : E[K];
};

/** A response built from a definition: its whitelisted fields, id, version and timestamps. */
export type RecordResponse<E extends RecordBase, F extends keyof E & string> = Plain<
  Pick<E, F | keyof RecordBase>
>;
