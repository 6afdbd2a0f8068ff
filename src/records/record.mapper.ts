import type { RecordBase } from '../database/record-base.js';
import type { RecordDefinition, RecordResponse } from './record-definition.js';

const ALWAYS = ['id', 'version', 'createdAt', 'updatedAt'] as const;

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Builds a response from the definition's whitelist: a field not listed is never sent. */
export function toRecordResponse<E extends RecordBase, F extends keyof E & string>(
  def: RecordDefinition<E, F>,
  record: E,
): RecordResponse<E, F> {
  const out: Record<string, unknown> = {};
  const keys: (keyof E & string)[] = [...ALWAYS.slice(0, 1), ...def.fields, ...ALWAYS.slice(1)];
  for (const key of keys) {
    const value: unknown = record[key];
    out[key] = value === undefined ? null : plain(value);
  }
  return out as RecordResponse<E, F>;
}
