import { Column, Entity } from 'typeorm';
import type { AuthorityRole } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

/** An authority involved in a case, in one role, with its own file number. */
@Entity('case_authorities')
export class CaseAuthority extends CasePartBase {
  /** null: the executing unit is not known (role executing only). */
  @Column('uuid', { name: 'authority_id', nullable: true })
  authorityId: string | null;

  @Column('text')
  role: AuthorityRole;

  @Column('text', { name: 'file_number', nullable: true })
  fileNumber: string | null;

  @Column('text', { nullable: true })
  notes: string | null;
}
