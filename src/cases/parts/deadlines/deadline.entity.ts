import { Column, Entity } from 'typeorm';
import type { DeadlineKind } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

@Entity('deadlines')
export class Deadline extends CasePartBase {
  @Column('text')
  kind: DeadlineKind;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt: Date | null;

  @Column('text', { nullable: true })
  notes: string | null;
}
