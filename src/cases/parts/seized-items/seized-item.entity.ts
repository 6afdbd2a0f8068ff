import { Column, Entity } from 'typeorm';
import type { EndState, TimePrecision } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

export interface DiskHash {
  algorithm: string;
  value: string;
}

/** Physical hardware taken away. */
@Entity('seized_items')
export class SeizedItem extends CasePartBase {
  @Column('text')
  description: string;

  @Column('text', { name: 'serial_number', nullable: true })
  serialNumber: string | null;

  @Column('jsonb', { name: 'disk_hashes', default: () => "'[]'" })
  diskHashes: DiskHash[];

  /** Listed in the official inventory of seized items (StPO §107, §109); null if not known. */
  @Column('boolean', { name: 'in_official_inventory', nullable: true })
  inOfficialInventory: boolean | null;

  @Column('uuid', { name: 'inventory_item_id', nullable: true })
  inventoryItemId: string | null;

  @Column('timestamptz', { name: 'seized_at', nullable: true })
  seizedAt: Date | null;

  @Column('text', { name: 'seized_at_precision', default: 'minute' })
  seizedAtPrecision: TimePrecision = 'minute';

  @Column('timestamptz', { name: 'returned_at', nullable: true })
  returnedAt: Date | null;

  @Column('text', { name: 'returned_at_precision', default: 'minute' })
  returnedAtPrecision: TimePrecision = 'minute';

  /** Whether and how it came back (see END_STATES); returnedAt holds the return, or the last moment known. */
  @Column('text', { name: 'return_state' })
  returnState: EndState;

  @Column('text', { name: 'condition_on_return', nullable: true })
  conditionOnReturn: string | null;
}
