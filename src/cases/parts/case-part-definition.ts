import type { Type } from '@nestjs/common';
import type { Permission } from '../../access/permissions.js';
import type { RecordData, RecordDefinition } from '../../records/record-definition.js';
import type { CasePartBase } from './case-part-base.entity.js';

/** A kind of case part, served under /cases/{caseId}/{path}. */
export interface CasePartDefinition<E extends CasePartBase> extends RecordDefinition<E> {
  path: string;
  /** Plural for the OpenAPI tag and summaries: "affected systems". */
  plural: string;
  createDto: Type<RecordData<E>>;
  updateDto: Type<RecordData<E>>;
  responseDto: Type<unknown>;
  /** Who may read and who may write this kind of part (any of the permissions). */
  read: readonly Permission[];
  write: readonly Permission[];
  /** Recording one makes the case restricted (a gag order). */
  restrictsCase?: boolean;
}

/** Most parts: read by whoever reads the case, written by the board. */
export const BOARD_WRITES = { read: ['cases.read'], write: ['cases.write'] } as const;

/**
 * A case part whose entity type is not named here (for the list of all parts): it hands its typed
 * definition to `use`, so generic code runs on each part without a cast.
 */
export type AnyCasePart = <R>(use: <E extends CasePartBase>(def: CasePartDefinition<E>) => R) => R;

export const anyCasePart =
  <E extends CasePartBase>(def: CasePartDefinition<E>): AnyCasePart =>
  (use) =>
    use(def);
