import { applyDecorators } from '@nestjs/common';
import { TIME_PRECISIONS } from '../domain/vocabulary.js';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

/**
 * Field decorators that carry validation and OpenAPI documentation together, so that what is
 * documented is what is enforced. `required: false` makes a field optional; `nullable: true`
 * additionally accepts null (to clear it). An optional non-nullable field rejects null.
 */
interface FieldOptions {
  required?: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

function presence(o: FieldOptions, doc: ApiPropertyOptions) {
  const required = o.required !== false;
  const docs = {
    description: o.description,
    example: o.example,
    nullable: o.nullable,
    ...doc,
  } as ApiPropertyOptions;
  if (required) return [ApiProperty(docs)];
  if (o.nullable) return [ApiPropertyOptional(docs), IsOptional()];
  // Optional but not nullable: skip validation only when absent.
  return [ApiPropertyOptional(docs), ValidateIf((_, value) => value !== undefined)];
}

// PostgreSQL text cannot hold NUL; refuse it at the edge rather than fail in the database.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const NO_NUL = /^[^\u0000]*$/;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 timestamp with an offset whose calendar date exists (no 30 February). */
function isTimestamp(value: unknown): boolean {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return false;
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const instant = Date.parse(value);
  // Years 1 to 9999 in UTC too: 9999-12-31T23:59-14:00 is already year 10000, which PostgreSQL may refuse.
  const year = new Date(instant).getUTCFullYear();
  return (
    day.getUTCMonth() === m - 1 &&
    day.getUTCDate() === d &&
    !Number.isNaN(instant) &&
    year >= 1 &&
    year <= 9999
  );
}

export function TimestampField(o: FieldOptions = {}) {
  return applyDecorators(
    ...presence(o, {
      type: String,
      format: 'date-time',
      example: o.example ?? '2015-01-15T09:45:00+01:00',
    }),
    ValidateBy({
      name: 'isTimestamp',
      validator: {
        validate: isTimestamp,
        defaultMessage: () =>
          'must be an ISO 8601 timestamp with a time zone, e.g. 2015-01-15T09:45:00+01:00',
      },
    }),
  );
}

/** The precision of the timestamp `of` (see TIME_PRECISIONS); minute when omitted. */
export function PrecisionField(of: string) {
  return EnumField(TIME_PRECISIONS, {
    required: false,
    example: 'minute',
    description: `How precisely ${of} is known: minute (the default), hour, day or approximate. Documents print it so.`,
  });
}

export function TextField(o: FieldOptions & { max?: number; min?: number } = {}) {
  return applyDecorators(
    ...presence(o, { type: String, maxLength: o.max ?? 10_000, minLength: o.min ?? 1 }),
    IsString(),
    MinLength(o.min ?? 1),
    MaxLength(o.max ?? 10_000),
    Matches(NO_NUL, { message: 'must not contain NUL characters' }),
    // A required text of spaces only says nothing (empty is MinLength's to report); optional texts (min 0) may be blank.
    ...((o.min ?? 1) >= 1 ? [Matches(/^$|\S/, { message: 'must not be blank' })] : []),
  );
}

export function EnumField(values: readonly string[], o: FieldOptions = {}) {
  return applyDecorators(
    ...presence(o, { enum: values as string[], type: String }),
    IsIn(values as string[], { message: `must be one of: ${values.join(', ')}` }),
  );
}

export function EnumArrayField(values: readonly string[], o: FieldOptions = {}) {
  return applyDecorators(
    ...presence(o, { enum: values as string[], isArray: true, type: String }),
    IsArray({ message: 'must be an array' }),
    ArrayUnique({ message: 'must not repeat a value' }),
    IsIn(values as string[], {
      each: true,
      message: `each value must be one of: ${values.join(', ')}`,
    }),
  );
}

export function IdField(o: FieldOptions = {}) {
  return applyDecorators(...presence(o, { type: String, format: 'uuid' }), IsUUID('all'));
}

/**
 * A whole number from `min` to `max`, documented as an OpenAPI integer. One rule, one message:
 * 1.5 is "not a whole number", not also "less than" and "greater than" something.
 */
export function WholeNumberField(o: FieldOptions & { min: number; max: number; default?: number }) {
  const { min, max } = o;
  return applyDecorators(
    ...presence(o, { type: 'integer', minimum: min, maximum: max, default: o.default }),
    ValidateBy({
      name: 'isWholeNumberInRange',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
        defaultMessage: (args) =>
          typeof args?.value !== 'number' || !Number.isSafeInteger(args.value)
            ? 'must be a whole number'
            : (args.value as number) < min
              ? `must not be less than ${min}`
              : `must not be greater than ${max}`,
      },
    }),
  );
}

/** A count of things (accounts, users): a whole number from 0 (the column is a 32-bit integer). */
export function CountField(o: FieldOptions = {}) {
  return WholeNumberField({ ...o, min: 0, max: 2_000_000_000 });
}

/** A data volume in bytes: a whole number from 0 (a 64-bit column, read back as a safe integer). */
export function ByteCountField(o: FieldOptions = {}) {
  return WholeNumberField({ ...o, min: 0, max: Number.MAX_SAFE_INTEGER });
}

export function BooleanField(o: FieldOptions = {}) {
  return applyDecorators(...presence(o, { type: Boolean }), IsBoolean());
}

export function CountryField(o: FieldOptions = {}) {
  return applyDecorators(
    ...presence(o, { type: String, example: o.example ?? 'DE', pattern: '^[A-Z]{2}$' }),
    Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. DE' }),
  );
}

export function StringListField(o: FieldOptions & { maxItems?: number; maxLength?: number } = {}) {
  return applyDecorators(
    ...presence(o, { type: [String] }),
    IsArray(),
    ArrayMaxSize(o.maxItems ?? 100),
    IsString({ each: true }),
    MaxLength(o.maxLength ?? 500, { each: true }),
    Matches(NO_NUL, { each: true, message: 'must not contain NUL characters' }),
  );
}

/**
 * A query parameter of up to `digits` digits as the number it spells (for @Transform); anything
 * else stays as it came, for the validators to refuse with the field's name.
 */
export function queryWholeNumber(digits = 6) {
  const pattern = new RegExp(`^\\d{1,${digits}}$`);
  return ({ value }: { value: unknown }) =>
    typeof value === 'string' && pattern.test(value) ? Number(value) : value;
}
