import { Column, Entity } from 'typeorm';
import type { GagBinding, TimePrecision } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

/** A prohibition to tell the affected users (or anyone) about the measure, e.g. StPO §95a. */
@Entity('gag_orders')
export class GagOrder extends CasePartBase {
  @Column('text', { name: 'legal_basis' })
  legalBasis: string;

  @Column('text')
  binding: GagBinding;

  @Column('timestamptz', { nullable: true })
  until: Date | null;

  @Column('timestamptz', { name: 'review_at', nullable: true })
  reviewAt: Date | null;

  @Column('timestamptz', { name: 'lifted_at', nullable: true })
  liftedAt: Date | null;

  @Column('text', { name: 'until_precision', default: 'minute' })
  untilPrecision: TimePrecision = 'minute';

  @Column('text', { name: 'review_at_precision', default: 'minute' })
  reviewAtPrecision: TimePrecision = 'minute';

  @Column('text', { name: 'lifted_at_precision', default: 'minute' })
  liftedAtPrecision: TimePrecision = 'minute';

  @Column('text', { nullable: true })
  notes: string | null;
}
