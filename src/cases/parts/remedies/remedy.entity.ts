import { Column, Entity } from 'typeorm';
import type { TimePrecision } from '../../../domain/vocabulary.js';
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

  @Column('text', { name: 'filed_at_precision', default: 'minute' })
  filedAtPrecision: TimePrecision = 'minute';

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('text', { name: 'decided_at_precision', default: 'minute' })
  decidedAtPrecision: TimePrecision = 'minute';

  @Column('text', { default: 'pending' })
  result: RemedyResult;

  @Column('text', { nullable: true })
  notes: string | null;
}
