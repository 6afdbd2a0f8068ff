import type { ValueTransformer } from 'typeorm';

/**
 * A bigint column read as a JavaScript number: the driver returns bigint as text. The values
 * stored (byte counts) stay within Number.MAX_SAFE_INTEGER, which the API refuses to exceed.
 */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
