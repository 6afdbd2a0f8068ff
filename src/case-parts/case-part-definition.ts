import type { Type } from '@nestjs/common';
import type { Permission } from '../access/permissions.js';
import type { RecordDefinition } from '../records/record-definition.js';
import type { CasePartBase } from './entities/case-part-base.js';

/** A kind of case part, served under /cases/{caseId}/{path}. */
export interface CasePartDefinition<
  E extends CasePartBase = CasePartBase,
> extends RecordDefinition<E> {
  path: string;
  /** Plural for the OpenAPI tag and summaries: "affected systems". */
  plural: string;
  createDto: Type<unknown>;
  updateDto: Type<unknown>;
  responseDto: Type<unknown>;
  /** Who may read and who may write this kind of part (any of the permissions). */
  read: readonly Permission[];
  write: readonly Permission[];
  /** Recording one makes the case restricted (a gag order). */
  restrictsCase?: boolean;
}
