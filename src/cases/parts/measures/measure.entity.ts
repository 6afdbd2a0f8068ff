import { Column, Entity } from 'typeorm';
import type { RequestType } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

/**
 * One measure of a case: what an authority asked for or did (a request for mutual legal
 * assistance, a search and seizure, a preservation request, …), on which legal basis, ordered
 * and executed by whom. A case holds as many as happened; its requestType stays the primary one.
 */
@Entity('measures')
export class Measure extends CasePartBase {
  @Column('text')
  type: RequestType;

  /** A legal basis recorded in the same case. */
  @Column('uuid', { name: 'legal_basis_id', nullable: true })
  legalBasisId: string | null;

  @Column('uuid', { name: 'ordered_by_id', nullable: true })
  orderedById: string | null;

  @Column('uuid', { name: 'executed_by_id', nullable: true })
  executedById: string | null;

  @Column('timestamptz', { name: 'ordered_at', nullable: true })
  orderedAt: Date | null;

  @Column('text', { nullable: true })
  notes: string | null;
}
