import { Column, Entity } from 'typeorm';
import type { TimePrecision } from '../../../domain/vocabulary.js';
import { BIGINT_AS_NUMBER } from '../../../database/bigint-column.js';
import type { DataCategory } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

/** Data that left the house. */
@Entity('disclosures')
export class Disclosure extends CasePartBase {
  @Column('text', { name: 'data_category' })
  dataCategory: DataCategory;

  @Column('text')
  description: string;

  @Column('integer', { name: 'accounts_count', nullable: true })
  accountsCount: number | null;

  @Column('integer', { name: 'items_count', nullable: true })
  itemsCount: number | null;

  /** Data affected, in bytes (5 TB = 5000000000000); printed with units in documents. */
  @Column('bigint', { name: 'data_volume_bytes', nullable: true, transformer: BIGINT_AS_NUMBER })
  dataVolumeBytes: number | null;

  @Column('timestamptz', { name: 'handed_over_at' })
  handedOverAt: Date;

  @Column('text', { name: 'handed_over_at_precision', default: 'minute' })
  handedOverAtPrecision: TimePrecision = 'minute';

  @Column('uuid', { name: 'recipient_authority_id', nullable: true })
  recipientAuthorityId: string | null;

  /** To whom, in words (officer, department), when not (only) an authority from the directory. */
  @Column('text', { nullable: true })
  recipient: string | null;

  @Column('text', { name: 'handover_reference', nullable: true })
  handoverReference: string | null;

  /** SHA-256 of the handed-over material, lower-case hex. */
  @Column('text', { nullable: true })
  sha256: string | null;
}
