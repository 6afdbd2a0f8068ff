import { Column, Entity } from 'typeorm';
import type { TimePrecision } from '../../../domain/vocabulary.js';
import type { Issuer, LegalDocumentType } from '../../../domain/vocabulary.js';
import { CasePartBase } from '../case-part-base.entity.js';

@Entity('legal_bases')
export class LegalBasis extends CasePartBase {
  /** ISO 3166-1 alpha-2 code of the legal order, e.g. DE, FR, US; EU for Union law. */
  @Column('text')
  jurisdiction: string;

  /** e.g. "StPO §103", "IRG §66"; null when the document names no provision (notStated). */
  @Column('text', { nullable: true })
  citation: string | null;

  /** The document names no provision: recorded as such, never as a made-up citation. */
  @Column('boolean', { name: 'not_stated', default: false })
  notStated: boolean;

  @Column('text', { name: 'document_type' })
  documentType: LegalDocumentType;

  @Column('timestamptz', { name: 'issued_at', nullable: true })
  issuedAt: Date | null;

  @Column('text', { name: 'issued_at_precision', default: 'minute' })
  issuedAtPrecision: TimePrecision = 'minute';

  @Column('text', { name: 'issued_by', nullable: true })
  issuedBy: Issuer | null;

  @Column('uuid', { name: 'authority_id', nullable: true })
  authorityId: string | null;

  @Column('text', { nullable: true })
  notes: string | null;
}
