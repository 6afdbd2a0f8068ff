import { Column, Entity } from 'typeorm';
import { RecordBase } from '../../database/record-base.js';
import type { AuthorityKind } from '../../domain/vocabulary.js';

@Entity('authorities')
export class Authority extends RecordBase {
  @Column('text')
  name: string;

  @Column('text')
  kind: AuthorityKind;

  /** ISO 3166-1 alpha-2 code, upper case. */
  @Column('text')
  country: string;

  @Column('text', { nullable: true })
  jurisdiction: string | null;

  @Column('text', { nullable: true })
  notes: string | null;

  /** Set instead of deleting while a case still refers to it: gone from the directory, kept for that case. */
  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;
}
