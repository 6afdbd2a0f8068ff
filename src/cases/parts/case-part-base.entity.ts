import { Column } from 'typeorm';
import { RecordBase } from '../../database/record-base.js';

/** A record that belongs to one case and is managed as its sub-resource. */
export abstract class CasePartBase extends RecordBase {
  @Column('uuid', { name: 'case_id' })
  caseId: string;
}
