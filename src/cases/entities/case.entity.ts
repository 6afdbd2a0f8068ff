import { Column, Entity } from 'typeorm';
import type { TimePrecision } from '../../domain/vocabulary.js';
import { RecordBase } from '../../database/record-base.js';
import type {
  CaseStatus,
  Channel,
  DefectOutcome,
  Outcome,
  RequestDefect,
  RequestType,
} from '../../domain/vocabulary.js';

/** One law-enforcement request or incident. */
@Entity('cases')
export class Case extends RecordBase {
  /** Internal reference, e.g. 2015-001; generated from the year received when not given. */
  @Column('text')
  reference: string;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  summary: string;

  @Column('text', { name: 'request_type' })
  requestType: RequestType;

  @Column('text', { nullable: true })
  channel: Channel | null;

  @Column('boolean', { default: false })
  emergency: boolean;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('text', { name: 'received_at_precision', default: 'minute' })
  receivedAtPrecision: TimePrecision = 'minute';

  @Column('text', { default: 'received' })
  status: CaseStatus;

  @Column('text', { default: 'pending' })
  outcome: Outcome;

  /** Explicit, reportable fact that nothing was handed over (no disclosures may then exist). */
  @Column('boolean', { name: 'nothing_handed_over', default: false })
  nothingHandedOver: boolean;

  @Column('timestamptz', { name: 'embargo_until', nullable: true })
  embargoUntil: Date | null;

  /** Whether affected users must be notified; null while not assessed. */
  @Column('boolean', { name: 'user_notification_required', nullable: true })
  userNotificationRequired: boolean | null;

  @Column('timestamptz', { name: 'user_notified_at', nullable: true })
  userNotifiedAt: Date | null;

  @Column('text', { name: 'user_notification_delay_reason', nullable: true })
  userNotificationDelayReason: string | null;

  /** Why a case recorded in error was voided (status void); null otherwise. */
  @Column('text', { name: 'void_reason', nullable: true })
  voidReason: string | null;

  /**
   * When the issuing authority extended a preservation order (EPOC-PR) by 30 days, and why
   * (Regulation (EU) 2023/1543 Art. 11(1)); null: not extended. Set once, by its own action.
   */
  @Column('timestamptz', { name: 'preservation_extended_at', nullable: true })
  preservationExtendedAt: Date | null;

  @Column('text', { name: 'preservation_extension_reason', nullable: true })
  preservationExtensionReason: string | null;

  /** The unit of the organisation the case concerns (org_units); null when not assigned. */
  @Column('uuid', { name: 'unit_id', nullable: true })
  unitId: string | null;

  /** Visible only to its members. Set automatically when a gag order is recorded. */
  @Column('boolean', { default: false })
  restricted: boolean;

  /** Why the request was found defective or unlawful (none: no defect recorded). */
  @Column('text', { array: true, default: () => "'{}'" })
  defects: RequestDefect[];

  /** What became of a defective request. */
  @Column('text', { name: 'defect_outcome', nullable: true })
  defectOutcome: DefectOutcome | null;
}
