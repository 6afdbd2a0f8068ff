import { Column, Entity } from 'typeorm';
import type { LegalNoteTopic } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

/** A lawyer's privileged note or assessment: visible to lawyers and the board, not to auditors. */
@Entity('legal_notes')
export class LegalNote extends CasePartBase {
  @Column('text')
  topic: LegalNoteTopic;

  @Column('text')
  body: string;

  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;
}
