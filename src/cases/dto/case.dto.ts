import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, Matches, ValidateIf, ValidateNested } from 'class-validator';
import {
  BooleanField,
  EnumArrayField,
  EnumField,
  IdField,
  TextField,
  PrecisionField,
  TimestampField,
} from '../../common/validators.js';
import {
  AUTHORITY_ROLES,
  CASE_STATUSES,
  CHANNELS,
  DEFECT_OUTCOMES,
  OUTCOMES,
  REQUEST_DEFECTS,
  REQUEST_TYPES,
  type AuthorityRole,
  type CaseStatus,
  type Channel,
  type DefectOutcome,
  type Outcome,
  type RequestDefect,
  type RequestType,
  type TimePrecision,
} from '../../domain/vocabulary.js';
import { RecordMetaDto } from '../../records/record-meta.dto.js';
import { STATUS_CHANGE_TARGETS } from '../case-status.js';

/** An authority involved, given together with a new case. */
export class InvolvedAuthorityInput {
  @IdField({
    required: false,
    nullable: true,
    description:
      'An authority from the directory (GET /authorities). Omit or null only with role executing: the executing unit is not known.',
  })
  authorityId?: string | null;

  @EnumField(AUTHORITY_ROLES, {
    example: 'executing',
    description:
      'issuing, requesting, central, validating, executing and court count in reports (see README, "Which authority a report counts"); commenting (spoke about the case only) and informed (told of it only) are recorded but never counted.',
  })
  role: AuthorityRole;

  @TextField({ required: false, nullable: true, max: 200, example: '502 Js 12345/11' })
  fileNumber?: string | null;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}

export class CaseFieldsDto {
  @TextField({ max: 300, example: 'LKA NRW takes the state association offline' })
  title: string;

  @TextField({ required: false, min: 0, max: 20_000 })
  summary?: string;

  @EnumField(REQUEST_TYPES, { example: 'search_and_seizure' })
  requestType: RequestType;

  @EnumField(CHANNELS, { required: false, nullable: true, example: 'phone' })
  channel?: Channel | null;

  @BooleanField({
    required: false,
    description: 'An emergency request (e.g. e-Evidence: 8 hours).',
  })
  emergency?: boolean;

  @TimestampField({ description: 'When the request reached the organisation.' })
  receivedAt: string;

  @PrecisionField('receivedAt')
  receivedAtPrecision?: TimePrecision;

  @EnumField(OUTCOMES, { required: false })
  outcome?: Outcome;

  @BooleanField({
    required: false,
    description: 'Records that nothing was handed over. Refused while disclosures exist.',
  })
  nothingHandedOver?: boolean;

  @TimestampField({
    required: false,
    nullable: true,
    description: 'Nothing about the case is published before this.',
  })
  embargoUntil?: string | null;

  @BooleanField({
    required: false,
    nullable: true,
    description: 'Must affected users be notified? null: not assessed yet.',
  })
  userNotificationRequired?: boolean | null;

  @TimestampField({ required: false, nullable: true })
  userNotifiedAt?: string | null;

  @TextField({ required: false, nullable: true, max: 5000 })
  userNotificationDelayReason?: string | null;

  @IdField({
    required: false,
    nullable: true,
    description:
      'The unit of the organisation the case concerns (GET /units); null: not assigned. Shown in documents; reports and the case list filter by it.',
  })
  unitId?: string | null;

  @BooleanField({
    required: false,
    description:
      'Visible only to its members (GET/POST /cases/{id}/members). A gag order sets it, and it cannot be cleared ' +
      'while a gag order is in force (409 gag-in-force). Whoever sets it becomes a member.',
  })
  restricted?: boolean;

  @EnumArrayField(REQUEST_DEFECTS, {
    required: false,
    description:
      'Why the request was found defective or unlawful: no legal basis named, a wrong one, sent unencrypted, ' +
      'addressed to the wrong party, other. Empty: no defect recorded.',
  })
  defects?: RequestDefect[];

  @EnumField(DEFECT_OUTCOMES, {
    required: false,
    nullable: true,
    description: 'What became of a defective request (refused, corrected and resubmitted, …).',
  })
  defectOutcome?: DefectOutcome | null;
}

export class CreateCaseDto extends CaseFieldsDto {
  @ApiPropertyOptional({
    description:
      'Internal reference; unique among open cases and the cases you can see. Generated when omitted: ' +
      'YEAR-NNN from receivedAt, or YEAR- and six random characters for a case logged restricted.',
    example: '2015-001',
  })
  @ValidateIf((_, v) => v !== undefined)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,49}$/, {
    message: 'must be 1-50 letters, digits, . _ / -',
  })
  reference?: string;

  @ApiPropertyOptional({
    type: [InvolvedAuthorityInput],
    description: 'Authorities involved, recorded with the case.',
  })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => InvolvedAuthorityInput)
  authorities?: InvolvedAuthorityInput[];
}

export class UpdateCaseDto extends PartialType(OmitType(CreateCaseDto, ['authorities'] as const)) {}

export class ChangeStatusDto {
  @EnumField(STATUS_CHANGE_TARGETS, {
    example: 'under_review',
    description:
      'Any status but void: a case recorded in error is voided by POST /cases/{id}/void.',
  })
  status: (typeof STATUS_CHANGE_TARGETS)[number];

  @TextField({ required: false, max: 2000, description: 'Why; recorded in the timeline.' })
  note?: string;

  @TimestampField({
    required: false,
    description: 'When the change happened, if not now (for cases recorded afterwards).',
  })
  occurredAt?: string;
}

export class VoidCaseDto {
  @TextField({
    max: 2000,
    example: 'Logged twice: the same request is case 2015-001.',
    description: 'Why the case was recorded in error; kept with the case and in the audit trail.',
  })
  reason: string;
}

/** A case as listed. */
export class CaseSummaryDto extends RecordMetaDto {
  @ApiProperty({ example: '2015-001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: REQUEST_TYPES }) requestType: RequestType;
  @ApiProperty({ enum: CHANNELS, nullable: true }) channel: Channel | null;
  @ApiProperty() emergency: boolean;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiPropertyOptional({
    description:
      'Only with q: true when the words were found in the text of one of its files (that the caller may ' +
      'see), not in the case itself.',
  })
  matchedInFiles?: boolean;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items: CaseSummaryDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last page.',
  })
  nextCursor: string | null;
}

export class CaseDto extends IntersectionType(RecordMetaDto, CaseFieldsDto) {
  @ApiProperty() reference: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the case was voided (status void: recorded in error); null otherwise.',
  })
  voidReason: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When the issuing authority extended the preservation order (EPOC-PR) by 30 days (POST /cases/{id}/preservation-extension); null: not extended.',
  })
  preservationExtendedAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What the authority gave as the reason for the extension; null: not extended.',
  })
  preservationExtensionReason: string | null;
}

export class ExtendPreservationDto {
  @TimestampField({
    required: false,
    example: '2025-03-01T10:00:00+01:00',
    description:
      "When the issuing authority's extension reached the organisation; now when omitted. Must lie within the 60 days.",
  })
  extendedAt?: string;

  @TextField({
    max: 2000,
    example: 'Extension received by e-mail: the production order is being prepared.',
    description:
      'What the authority gave as the reason (Art. 11(1): to allow the subsequent request for production).',
  })
  reason: string;
}
