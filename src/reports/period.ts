import { ValidationFailedError, type FieldError } from '../errors/domain-errors.js';
import { dateTimeFormat } from '../i18n/intl-cache.js';

/** A reporting period: cases received at or after `from` and before `to`. */
export interface ReportPeriod {
  from: Date;
  to: Date;
  /** "2015", "2015-H1", or "2015-01-01--2015-03-01" (local dates of the given bounds). */
  label: string;
}

export interface PeriodQuery {
  year?: string;
  half?: string;
  from?: string;
  to?: string;
}

const YEAR = /^(\d{4})$/;
const HALF = /^(\d{4})-H([12])$/;
/** A bound at midnight in its own offset: reports cover whole days. */
const MIDNIGHT = /^\d{4}-\d{2}-\d{2}T00:00(:00(\.0{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

/** Offset of `zone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
function offsetMs(instant: number, zone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the given calendar day begins in `zone`. */
export function startOfDay(year: number, month: number, day: number, zone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall - offsetMs(wall, zone);
  // Near a change of offset the first guess can be an hour off; one correction settles it.
  instant = wall - offsetMs(instant, zone);
  return new Date(instant);
}

/** Whether the YYYY-MM-DD a bound begins with is a day of the calendar (Date turns 02-30 into 03-02). */
function calendarDay(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

function checkYear(year: number, field: string, errors: FieldError[]): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    errors.push({ field, message: `year must be from ${MIN_YEAR} to ${MAX_YEAR}` });
    return false;
  }
  return true;
}

/**
 * The period a query names: `year=2015`, `half=2015-H1` (both in the report time zone), or
 * `from` and `to` (ISO 8601 with an offset, each at midnight: whole days). Exactly one way.
 */
export function periodFromQuery(query: PeriodQuery, zone: string): ReportPeriod {
  const errors: FieldError[] = [];
  const given = (['year', 'half', 'from', 'to'] as const).filter((k) => query[k] !== undefined);
  const ways = [
    query.year !== undefined,
    query.half !== undefined,
    query.from !== undefined || query.to !== undefined,
  ];
  if (ways.filter(Boolean).length !== 1) {
    throw new ValidationFailedError(
      (given.length ? given : ['year']).map((field) => ({
        field,
        message: 'give the period one way: year=2015, half=2015-H1, or from and to',
      })),
      'Name the reporting period once: year, half, or from and to.',
    );
  }
  if (query.year !== undefined) {
    const m = YEAR.exec(query.year);
    if (!m)
      throw new ValidationFailedError([{ field: 'year', message: 'must be a year, e.g. 2015' }]);
    const year = Number(m[1]);
    if (!checkYear(year, 'year', errors)) throw new ValidationFailedError(errors);
    return {
      from: startOfDay(year, 1, 1, zone),
      to: startOfDay(year + 1, 1, 1, zone),
      label: `${year}`,
    };
  }
  if (query.half !== undefined) {
    const m = HALF.exec(query.half);
    if (!m)
      throw new ValidationFailedError([
        { field: 'half', message: 'must be a half-year, e.g. 2015-H1 or 2015-H2' },
      ]);
    const year = Number(m[1]);
    if (!checkYear(year, 'half', errors)) throw new ValidationFailedError(errors);
    const first = m[2] === '1';
    return {
      from: startOfDay(year, first ? 1 : 7, 1, zone),
      to: first ? startOfDay(year, 7, 1, zone) : startOfDay(year + 1, 1, 1, zone),
      label: `${year}-H${m[2]}`,
    };
  }
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value === undefined) errors.push({ field, message: 'from and to go together' });
    else if (!MIDNIGHT.test(value))
      errors.push({
        field,
        message:
          'must be midnight with an offset (reports cover whole days), e.g. 2015-01-01T00:00:00+01:00',
      });
  }
  if (errors.length) throw new ValidationFailedError(errors);
  const from = new Date(query.from as string);
  const to = new Date(query.to as string);
  for (const [field, date] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (Number.isNaN(date.getTime()) || !calendarDay(query[field] as string))
      errors.push({ field, message: 'is not a date that exists' });
  }
  if (errors.length) throw new ValidationFailedError(errors);
  if (!(from.getTime() < to.getTime()))
    throw new ValidationFailedError([{ field: 'to', message: 'must be after from' }]);
  for (const [field, date] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const year = date.getUTCFullYear();
    if (year < MIN_YEAR - 1 || year > MAX_YEAR + 1) {
      errors.push({ field, message: `year must be from ${MIN_YEAR} to ${MAX_YEAR}` });
    }
  }
  if (errors.length) throw new ValidationFailedError(errors);
  return {
    from,
    to,
    label: `${(query.from as string).slice(0, 10)}--${(query.to as string).slice(0, 10)}`,
  };
}
