import type { RecordBase } from '../database/record-base.js';
import type { RecordDefinition, RecordResponse } from './record-definition.js';

const ALWAYS = ['id', 'version', 'createdAt', 'updatedAt'] as const;

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Builds a response from the definition's whitelist: a field not listed is never sent. */
export function toRecordResponse<E extends RecordBase>(
  def: RecordDefinition<E>,
  record: E,
): RecordResponse {
  const out: Record<string, unknown> = {};
  for (const key of [...ALWAYS.slice(0, 1), ...def.fields, ...ALWAYS.slice(1)]) {
    const value = (record as unknown as Record<string, unknown>)[key];
    out[key] = value === undefined ? null : plain(value);
  }
  return out as RecordResponse;
}
