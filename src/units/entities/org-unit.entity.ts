import { Column, Entity } from 'typeorm';
import { RecordBase } from '../../database/record-base.js';
import type { OrgUnitKind } from '../../domain/vocabulary.js';

/**
 * A unit of the organisation (the federal level, a state association, a customer, …). Units form
 * a tree through their parent; every case belongs to at most one unit.
 */
@Entity('org_units')
export class OrgUnit extends RecordBase {
  @Column('text')
  name: string;

  @Column('text')
  kind: OrgUnitKind;

  /** The unit above; null for a top-level unit. */
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('text', { nullable: true })
  notes: string | null;

  /** Set when the unit was deleted while a case still belonged to it; no longer listed. */
  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;
}
