import type { EntityManager } from 'typeorm';
import { ConflictError, type FieldError } from '../../errors/domain-errors.js';

/*
 * Rules that span a case and its parts. Every write locks the case row first (the case itself
 * through its record, a part through CasePartsService), so each rule is checked by one writer at
 * a time. A gag order also restricts its case (`restrictsCase`, applied by CasePartsService.create).
 */

/** A case that records that nothing was handed over takes no disclosure. */
export async function refuseDisclosureIfNothingHandedOver(
  manager: EntityManager,
  caseId: string,
): Promise<void> {
  const [row]: { nothing_handed_over: boolean }[] = await manager.query(
    'SELECT nothing_handed_over FROM cases WHERE id = $1',
    [caseId],
  );
  if (row?.nothing_handed_over) {
    throw new ConflictError(
      'nothing-handed-over',
      'The case records that nothing was handed over. Set nothingHandedOver to false on the case before adding a disclosure.',
    );
  }
}

/** "Nothing was handed over" cannot be recorded while the case has disclosures. */
export async function refuseNothingHandedOverWithDisclosures(
  manager: EntityManager,
  caseId: string,
): Promise<void> {
  const [row]: { n: number }[] = await manager.query(
    'SELECT count(*) AS n FROM disclosures WHERE case_id = $1',
    [caseId],
  );
  if (row.n > 0) {
    throw new ConflictError(
      'disclosures-exist',
      `The case has ${row.n} disclosure(s); remove them before recording that nothing was handed over.`,
      [{ field: 'nothingHandedOver', message: 'conflicts with recorded disclosures' }],
    );
  }
}

/** A measure names a legal basis of its own case, not of another one. */
export async function legalBasisOfSameCase(
  manager: EntityManager,
  caseId: string,
  legalBasisId: string | null | undefined,
): Promise<FieldError[] | void> {
  if (!legalBasisId) return;
  const rows: unknown[] = await manager.query(
    'SELECT 1 FROM legal_bases WHERE id = $1 AND case_id = $2',
    [legalBasisId, caseId],
  );
  if (rows.length === 0)
    return [{ field: 'legalBasisId', message: 'must be a legal basis of the same case' }];
}
