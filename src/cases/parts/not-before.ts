import type { FieldError } from '../../errors/domain-errors.js';

/** An error when `later` is before `earlier`, both set. */
export function notBefore(
  earlier: Date | null,
  later: Date | null,
  field: string,
  earlierField: string,
): FieldError[] {
  return earlier && later && later.getTime() < earlier.getTime()
    ? [{ field, message: `must not be before ${earlierField}` }]
    : [];
}
