import { Column, Entity } from 'typeorm';
import type { EndState, TimePrecision } from '../../../domain/vocabulary.js';
import { BIGINT_AS_NUMBER } from '../../../database/bigint-column.js';
import type { Impact } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

/** What the measure did to one of the organisation's systems, and for how long. */
@Entity('affected_systems')
export class AffectedSystem extends CasePartBase {
  @Column('uuid', { name: 'inventory_item_id' })
  inventoryItemId: string;

  @Column('text')
  impact: Impact;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('text', { name: 'started_at_precision', default: 'minute' })
  startedAtPrecision: TimePrecision = 'minute';

  /** Open (null) while the impact is ongoing. */
  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @Column('text', { name: 'ended_at_precision', default: 'minute' })
  endedAtPrecision: TimePrecision = 'minute';

  /** How the impact ended (see END_STATES); endedAt holds the end, or the last moment known. */
  @Column('text', { name: 'end_state' })
  endState: EndState;

  @Column('integer', { name: 'users_affected', nullable: true })
  usersAffected: number | null;

  /** Data affected, in bytes (5 TB = 5000000000000); printed with units in documents. */
  @Column('bigint', { name: 'data_volume_bytes', nullable: true, transformer: BIGINT_AS_NUMBER })
  dataVolumeBytes: number | null;

  @Column('text', { nullable: true })
  notes: string | null;
}
