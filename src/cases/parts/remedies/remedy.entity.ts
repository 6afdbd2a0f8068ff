import { Column, Entity } from 'typeorm';
import type { RemedyKind, RemedyResult } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

/** A legal remedy sought against the measure. */
@Entity('remedies')
export class Remedy extends CasePartBase {
  @Column('text')
  kind: RemedyKind;

  /** e.g. "StPO §304", "StPO §98 Abs. 2". */
  @Column('text', { name: 'legal_basis', nullable: true })
  legalBasis: string | null;

  @Column('timestamptz', { name: 'filed_at', nullable: true })
  filedAt: Date | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('text', { default: 'pending' })
  result: RemedyResult;

  @Column('text', { nullable: true })
  notes: string | null;
}
