import { Column, Entity } from 'typeorm';
import type { TimePrecision } from '../../../domain/vocabulary.js';
import type { AutomaticEvent } from '../../../domain/automatic-events.js';
import type { TimelineEventType } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

@Entity('timeline_events')
export class TimelineEvent extends CasePartBase {
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('text', { name: 'occurred_at_precision', default: 'minute' })
  occurredAtPrecision: TimePrecision = 'minute';

  @Column('text')
  type: TimelineEventType;

  @Column('text')
  description: string;

  /** Set when the service wrote the event (its kind and parameters); null for the board's own. */
  @Column('jsonb', { nullable: true, default: null })
  automatic: AutomaticEvent | null;
}
