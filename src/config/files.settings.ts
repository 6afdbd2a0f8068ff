import type { Env, Problems } from './problems.js';

/** Limits of uploaded files. */
export interface FilesConfig {
  /** Largest accepted file in bytes (FILE_MAX_BYTES); a larger upload is refused while it streams. */
  maxBytes: number;
  /** Largest accepted image in pixels (FILE_MAX_IMAGE_PIXELS): refuses decompression bombs. */
  maxImagePixels: number;
}

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
const DEFAULT_MAX_IMAGE_PIXELS = 200_000_000;

function wholeNumber(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: Problems,
): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    problems.bad(name, raw, `must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

/**
 * - FILE_MAX_BYTES: largest file accepted (default 104857600, 100 MiB; at most 2 GiB);
 * - FILE_MAX_IMAGE_PIXELS: largest image accepted, width times height (default 200,000,000).
 */
export function filesSettings(env: Env, problems: Problems): FilesConfig {
  return {
    maxBytes: wholeNumber(env, 'FILE_MAX_BYTES', DEFAULT_MAX_BYTES, 1, 2 ** 31, problems),
    maxImagePixels: wholeNumber(
      env,
      'FILE_MAX_IMAGE_PIXELS',
      DEFAULT_MAX_IMAGE_PIXELS,
      1,
      10 ** 12,
      problems,
    ),
  };
}
