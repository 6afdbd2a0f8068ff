import { QueryFailedError } from 'typeorm';
import { problem, type ProblemDetails } from './problem-details.js';

interface PgError {
  code?: string;
  detail?: string;
  column?: string;
  table?: string;
  constraint?: string;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `Key (inventory_item_id)=(…) …` → `inventoryItemId` */
function keyField(detail?: string): string | undefined {
  const match = /^Key \(([a-z_, ]+)\)=/.exec(detail ?? '');
  return match
    ? match[1]
        .split(',')
        .map((c) => camel(c.trim()))
        .join(',')
    : undefined;
}

function inUse(table: string | undefined): ProblemDetails {
  const by = table ? table.replace(/_/g, ' ') : 'other records';
  return problem(
    'in-use',
    409,
    'Conflict',
    `This record is still referenced by ${by}; remove those references first.`,
  );
}

/**
 * Constraint violations that validation in the services did not catch first (a race, or a rule
 * only the database knows) become client errors naming the field; anything else stays a 500.
 */
export function problemFromDatabaseError(error: unknown): ProblemDetails | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg =
    (error as QueryFailedError & { driverError?: PgError }).driverError ?? (error as PgError);
  const field = keyField(pg.detail);
  switch (pg.code) {
    case '23505':
      return problem(
        'duplicate',
        409,
        'Conflict',
        `A record with this ${field ?? 'value'} already exists.`,
        field ? [{ field, message: 'already exists' }] : undefined,
      );
    case '23001':
      return inUse(/on table "(\w+)"\s*$/.exec(error.message)?.[1]);
    case '23503':
      if (/still referenced/.test(pg.detail ?? ''))
        return inUse(/from table "(\w+)"/.exec(pg.detail ?? '')?.[1]);
      return problem(
        'invalid-reference',
        422,
        'Unknown reference',
        `${field ?? 'A reference'} does not name an existing record.`,
        field ? [{ field, message: 'no record with this id' }] : undefined,
      );
    case '23502':
      return problem(
        'validation-failed',
        400,
        'Invalid request',
        'A required field is missing.',
        pg.column ? [{ field: camel(pg.column), message: 'must not be null' }] : undefined,
      );
    case '23514':
      return problem(
        'validation-failed',
        400,
        'Invalid request',
        `The values break the rule ${pg.constraint ?? ''}.`.trim(),
      );
    case '22021':
      return problem(
        'validation-failed',
        400,
        'Invalid request',
        'Text must not contain NUL characters.',
      );
    case '22009':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
      return problem(
        'validation-failed',
        400,
        'Invalid request',
        'A value is out of range or malformed.',
      );
    case '53100': // disk_full: nothing was written; reads go on, and writes once space returns
      return problem(
        'storage-full',
        503,
        'Service unavailable',
        'The database cannot write: its storage is full. Nothing was saved; try again once space has been freed.',
      );
    default:
      return undefined;
  }
}
