import { Column, Entity } from 'typeorm';
import type { DeadlineKind, TimePrecision } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

@Entity('deadlines')
export class Deadline extends CasePartBase {
  @Column('text')
  kind: DeadlineKind;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt: Date | null;

  @Column('text', { name: 'due_at_precision', default: 'minute' })
  dueAtPrecision: TimePrecision = 'minute';

  @Column('text', { name: 'done_at_precision', default: 'minute' })
  doneAtPrecision: TimePrecision = 'minute';

  @Column('text', { nullable: true })
  notes: string | null;

  /** The legal-clock rule that made it (legal-clock-rules.ts); null: entered by hand. */
  @Column('text', { nullable: true })
  rule: string | null;

  /** Tells apart several deadlines of one rule in a case (the gag order's id); '' otherwise. */
  @Column('text', { name: 'rule_key', nullable: true })
  ruleKey: string | null;

  /** The due time the rule computes; differs from dueAt only when overridden. */
  @Column('timestamptz', { name: 'rule_due_at', nullable: true })
  ruleDueAt: Date | null;

  /** Why a rule-made deadline was moved by hand; recomputation then leaves dueAt alone. */
  @Column('text', { name: 'override_reason', nullable: true })
  overrideReason: string | null;
}
