import { Column, Entity } from 'typeorm';
import type { TimelineEventType } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

@Entity('timeline_events')
export class TimelineEvent extends CasePartBase {
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('text')
  type: TimelineEventType;

  @Column('text')
  description: string;
}
