import { Column, Entity } from 'typeorm';
import type { DataCategory, TargetExistence, TargetKind } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

/** Something the order names: the scope that was asked for. */
@Entity('targets')
export class Target extends CasePartBase {
  @Column('text')
  kind: TargetKind;

  @Column('text')
  value: string;

  @Column('timestamptz', { name: 'period_from', nullable: true })
  periodFrom: Date | null;

  @Column('timestamptz', { name: 'period_until', nullable: true })
  periodUntil: Date | null;

  @Column('text', { name: 'data_categories', array: true, default: () => "'{}'" })
  dataCategories: DataCategory[];

  @Column('text', { default: 'unknown' })
  existence: TargetExistence;

  /** The inventory entry the target designates; matched automatically by name or identifier when not given. */
  @Column('uuid', { name: 'inventory_item_id', nullable: true })
  inventoryItemId: string | null;

  @Column('text', { nullable: true })
  notes: string | null;
}
