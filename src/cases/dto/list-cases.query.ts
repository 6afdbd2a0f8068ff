import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, ValidateIf } from 'class-validator';
import {
  CountryField,
  IdField,
  TextField,
  TimestampField,
  WholeNumberField,
  queryWholeNumber,
} from '../../common/validators.js';
import {
  CASE_STATUSES,
  REQUEST_TYPES,
  type CaseStatus,
  type RequestType,
} from '../../domain/vocabulary.js';

export const CASE_SORTS = [
  '-receivedAt',
  'receivedAt',
  '-updatedAt',
  'updatedAt',
  'reference',
  '-reference',
] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export const MAX_PAGE_SIZE = 100;

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;
const bool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
const int = queryWholeNumber();
const present = (_: unknown, v: unknown) => v !== undefined;

export class ListCasesQuery {
  @ApiPropertyOptional({
    description: 'Comma-separated statuses (void: cases recorded in error, otherwise left out).',
    example: ['received', 'under_review'],
    type: String,
    isArray: true,
    enum: CASE_STATUSES,
  })
  @Transform(list)
  @ValidateIf(present)
  @ArrayMaxSize(CASE_STATUSES.length)
  @IsIn(CASE_STATUSES as unknown as string[], {
    each: true,
    message: `each value must be one of: ${CASE_STATUSES.join(', ')}`,
  })
  status?: CaseStatus[];

  @ApiPropertyOptional({
    description: 'Comma-separated request types.',
    example: ['search_and_seizure'],
    type: String,
    isArray: true,
    enum: REQUEST_TYPES,
  })
  @Transform(list)
  @ValidateIf(present)
  @ArrayMaxSize(REQUEST_TYPES.length)
  @IsIn(REQUEST_TYPES as unknown as string[], {
    each: true,
    message: `each value must be one of: ${REQUEST_TYPES.join(', ')}`,
  })
  requestType?: RequestType[];

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Also list void cases (recorded in error). They are left out unless this is true or status names void.',
  })
  @Transform(bool)
  @ValidateIf(present)
  @IsIn([true, false], { message: 'must be true or false' })
  includeVoid?: boolean;

  @IdField({
    required: false,
    description: 'Cases in which this authority is involved, in any role.',
  })
  authorityId?: string;

  @IdField({
    required: false,
    description: 'Cases of this unit of the organisation or of any unit below it (GET /units).',
  })
  unit?: string;

  @CountryField({ required: false, description: 'Cases involving an authority of this country.' })
  country?: string;

  @TimestampField({ required: false, description: 'Received at or after.' })
  receivedFrom?: string;

  @TimestampField({ required: false, description: 'Received before.' })
  receivedTo?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only cases with (true) or without (false) an active gag order.',
  })
  @Transform(bool)
  @ValidateIf(present)
  @IsIn([true, false], { message: 'must be true or false' })
  hasGag?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only cases with (true) or without (false) an overdue open deadline.',
  })
  @Transform(bool)
  @ValidateIf(present)
  @IsIn([true, false], { message: 'must be true or false' })
  overdue?: boolean;

  @TextField({
    required: false,
    max: 200,
    description:
      "Full-text search (German and English) over title, summary, timeline and the text of the case's files " +
      '(PDF text layers, plain text and e-mails, and scans where OCR is installed) that the caller may see.',
  })
  q?: string;

  @ApiPropertyOptional({ enum: CASE_SORTS, default: '-receivedAt' })
  @ValidateIf(present)
  @IsIn(CASE_SORTS as unknown as string[], { message: `must be one of: ${CASE_SORTS.join(', ')}` })
  sort?: CaseSort;

  @TextField({ required: false, max: 600, description: 'nextCursor of the previous page.' })
  cursor?: string;

  @Transform(int)
  @WholeNumberField({ required: false, min: 1, max: MAX_PAGE_SIZE, default: 50 })
  limit?: number;
}
