import type { EndState } from '../../domain/vocabulary.js';
import type { FieldError } from '../../errors/domain-errors.js';

const NEEDS_TIME: readonly EndState[] = ['ended', 'at_least_until'];

/**
 * Settles how a span ended (an impact, a seizure) against its end time, before it is saved. A
 * state given in this write must agree with the end time: ended and at_least_until need one,
 * ongoing and ended_unknown have none. A state not given follows the end time: set, it is ended
 * (at_least_until stays so); cleared, it is ongoing (ended_unknown stays so).
 */
export function settleEndState<R extends object>(
  record: R,
  existing: R | undefined,
  endField: keyof R & string,
  stateField: keyof R & string,
): FieldError[] {
  const end = record[endField] as Date | null | undefined;
  const state = record[stateField] as EndState | undefined;
  const given = state !== undefined && state !== existing?.[stateField];
  if (!given) {
    const settled: EndState = end
      ? state === 'at_least_until'
        ? 'at_least_until'
        : 'ended'
      : state === 'ended_unknown'
        ? 'ended_unknown'
        : 'ongoing';
    (record as Record<string, unknown>)[stateField] = settled;
    return [];
  }
  if (NEEDS_TIME.includes(state) && !end)
    return [{ field: endField, message: `is required when ${stateField} is ${state}` }];
  if (!NEEDS_TIME.includes(state) && end)
    return [{ field: endField, message: `must be null when ${stateField} is ${state}` }];
  return [];
}
