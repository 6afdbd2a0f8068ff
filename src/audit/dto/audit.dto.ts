import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  EnumField,
  IdField,
  TextField,
  TimestampField,
  WholeNumberField,
  queryWholeNumber,
} from '../../common/validators.js';
import { AUDIT_ACTIONS, type AuditAction } from '../audit-entry.js';

export const MAX_AUDIT_PAGE = 100;

const int = queryWholeNumber(16);

export class AuditPageQuery {
  @TextField({ required: false, max: 600, description: 'nextCursor of the previous page.' })
  cursor?: string;

  @Transform(int)
  @WholeNumberField({ required: false, min: 1, max: MAX_AUDIT_PAGE, default: 50 })
  limit?: number;
}

export class ListAuditEventsQuery extends AuditPageQuery {
  @IdField({ required: false, description: 'Events about this case and its parts.' })
  caseId?: string;

  @IdField({ required: false, description: 'Events caused by this user.' })
  actorId?: string;

  @EnumField(AUDIT_ACTIONS, { required: false, description: 'Events of this kind.' })
  action?: AuditAction;

  @TimestampField({ required: false, description: 'Events that occurred at or after this time.' })
  from?: string;

  @TimestampField({ required: false, description: 'Events that occurred before this time.' })
  to?: string;
}

export class ConsistencyQuery {
  @Transform(int)
  @WholeNumberField({
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    description: 'The older size (a checkpoint you hold).',
  })
  from: number;

  @Transform(int)
  @WholeNumberField({
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    description: 'The newer size (e.g. the latest checkpoint).',
  })
  to: number;
}

export class InclusionQuery {
  @Transform(int)
  @WholeNumberField({
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    description: 'The record (its position in the log; the Merkle leaf index is seq - 1).',
  })
  seq: number;

  @Transform(int)
  @WholeNumberField({
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    description: 'The tree size (e.g. the size of a checkpoint you hold); at least seq.',
  })
  size: number;
}

/** A recorded field value: any JSON value, null included (OpenAPI 3.0 wants nullable by a type). */
const ANY_JSON: ApiPropertyOptions = {
  oneOf: [
    { type: 'string', nullable: true },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object' },
    { type: 'array', items: {} },
  ],
};

class AuditChangeDto {
  @ApiPropertyOptional({
    ...ANY_JSON,
    description: 'The value before the change (absent for a create).',
  })
  before?: unknown;
  @ApiPropertyOptional({
    ...ANY_JSON,
    description: 'The value after the change (absent for a delete).',
  })
  after?: unknown;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Position in the log, contiguous from 1.', example: 42 }) seq: number;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time', description: 'When it happened (UTC).' }) occurredAt: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The user; null for the system.',
  })
  actorId: string | null;
  @ApiProperty({ example: 'board:alice@example.org' }) actorLabel: string;
  @ApiProperty({ enum: AUDIT_ACTIONS, type: String }) action: string;
  @ApiProperty({
    example: 'case',
    description: "The kind of record: 'case', 'target', 'user', 'session', …",
  })
  entityType: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId: string | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/AuditChangeDto' },
    description: 'Changed fields: before and after (create: after only; delete: before only).',
  })
  changes: Record<string, AuditChangeDto> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) details: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) clientAddress: string | null;
  @ApiProperty({
    description:
      'SHA-256 of the canonical content (base64); the Merkle tree leaf is SHA-256(0x00 || leafHash).',
  })
  leafHash: string;
  @ApiProperty({
    description:
      'SHA-256(previous chainHash || leafHash), base64: the hash chain through every record before this one.',
  })
  chainHash: string;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last page.',
  })
  nextCursor: string | null;
}

export const BREAK_REASONS = [
  'missing',
  'duplicate',
  'content_changed',
  'chain_mismatch',
  'checkpoint_mismatch',
  'checkpoint_untrusted',
  'checkpoint_missing',
  'truncated',
];

class BrokenRecordDto {
  @ApiProperty({
    description:
      'The first record that is not as written, or (with upTo) the first that may not be: the evidence bounds it to seq..upTo.',
  })
  seq: number;
  @ApiPropertyOptional({
    description:
      'Set when only checkpoints can tell: the first changed record lies between seq and upTo.',
  })
  upTo?: number;
  @ApiProperty({ enum: BREAK_REASONS }) reason: string;
  @ApiProperty() detail: string;
}

export class VerifyResultDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Records verified.' }) size: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'RFC 6962 Merkle root of those records (base64); null when broken.',
  })
  rootHash: string | null;
  @ApiPropertyOptional({ type: BrokenRecordDto }) firstBroken?: BrokenRecordDto;
  @ApiProperty({
    description: 'Stored checkpoints whose signature (by a trusted key) and root were checked.',
  })
  checkpointsChecked: number;
  @ApiProperty({
    type: [String],
    description: "Key ids trusted: the service's own and those of AUDIT_TRUSTED_KEYS.",
  })
  trustedKeys: string[];
  @ApiProperty({ description: 'Events recorded but not yet placed in the log.' })
  unsequenced: number;
  @ApiProperty() durationMs: number;
}

export class CheckpointDto {
  @ApiProperty({ description: 'Number of records covered (seq 1..size).' }) size: number;
  @ApiProperty({ description: 'RFC 6962 Merkle root, base64.' }) rootHash: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
  @ApiProperty({ description: 'Ed25519 signature of `note`, base64.' }) signature: string;
  @ApiProperty({ description: 'Hex of the first 8 bytes of SHA-256 of the public key (SPKI DER).' })
  keyId: string;
  @ApiProperty({
    description:
      'The signed text: "case-tracker audit log\\n<size>\\n<rootHash>\\n<signedAt>\\n" (UTF-8).',
  })
  note: string;
  @ApiProperty({
    description: "The public key (SPKI PEM) of keyId, when it is this service's key.",
    nullable: true,
    type: String,
  })
  publicKey: string | null;
}

export class ListCheckpointsQuery {
  @Transform(int)
  @WholeNumberField({
    required: false,
    min: 2,
    max: Number.MAX_SAFE_INTEGER,
    description: 'Checkpoints smaller than this size: nextBefore of the previous page.',
  })
  before?: number;

  @Transform(int)
  @WholeNumberField({ required: false, min: 1, max: MAX_AUDIT_PAGE, default: 20 })
  limit?: number;
}

export class CheckpointPageDto {
  @ApiProperty({ type: [CheckpointDto] }) items: CheckpointDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass as before for the next (older) page; null on the last page.',
  })
  nextBefore: number | null;
}

export class ConsistencyProofDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({
    type: [String],
    description:
      'RFC 6962 consistency proof: node hashes, base64, in order (empty when from = to).',
  })
  proof: string[];
}

export class PublicKeyDto {
  @ApiProperty() keyId: string;
  @ApiProperty({ example: 'Ed25519' }) algorithm: string;
  @ApiProperty({ description: 'SPKI PEM.' }) publicKey: string;
}

export { AuditChangeDto };

export class InclusionProofDto {
  @ApiProperty() seq: number;
  @ApiProperty() size: number;
  @ApiProperty({ description: 'seq - 1: the index of the leaf in the Merkle tree.' })
  leafIndex: number;
  @ApiProperty({
    description:
      "The record's hash (SHA-256 of its canonical content), base64; the Merkle leaf is SHA-256(0x00 || leafHash).",
  })
  leafHash: string;
  @ApiProperty({
    type: [String],
    description: 'RFC 9162 inclusion proof: node hashes, base64, from the leaf upwards.',
  })
  proof: string[];
  @ApiPropertyOptional({
    type: AuditEventDto,
    description:
      'The record itself: only for a caller who may read the audit trail and see its case.',
  })
  record?: AuditEventDto;
}
