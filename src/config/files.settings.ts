import type { Env, Problems } from './problems.js';

/** Limits of uploaded files. */
export interface FilesConfig {
  /** Largest accepted file in bytes (FILE_MAX_BYTES); a larger upload is refused while it streams. */
  maxBytes: number;
  /** Largest accepted image in pixels (FILE_MAX_IMAGE_PIXELS): refuses decompression bombs. */
  maxImagePixels: number;
  /** Extraction of searchable text in the background. */
  text: FileTextConfig;
}

/** Limits of the background text extraction (hostile files must not hang or exhaust the service). */
export interface FileTextConfig {
  /** Seconds between passes of the extraction worker (FILE_TEXT_INTERVAL_SECONDS); 0 turns it off. */
  intervalSeconds: number;
  /** Larger contents are not read for text (FILE_TEXT_MAX_BYTES). */
  maxBytes: number;
  /** Pages of a PDF read for text, and at most as many scanned pages recognised (FILE_TEXT_MAX_PAGES). */
  maxPages: number;
  /** Time for one file's text layer, and for each OCR step (FILE_TEXT_TIMEOUT_SECONDS). */
  timeoutSeconds: number;
  /** OCR with tesseract when it is installed (FILE_OCR=auto, the default) or never (off). */
  ocr: 'auto' | 'off';
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
 * - FILE_MAX_IMAGE_PIXELS: largest image accepted, width times height (default 200,000,000);
 * - FILE_TEXT_INTERVAL_SECONDS (default 30), FILE_TEXT_MAX_BYTES (default 52428800, 50 MiB),
 *   FILE_TEXT_MAX_PAGES (default 100), FILE_TEXT_TIMEOUT_SECONDS (default 120), FILE_OCR (auto|off).
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
    text: {
      intervalSeconds: wholeNumber(env, 'FILE_TEXT_INTERVAL_SECONDS', 30, 0, 86_400, problems),
      maxBytes: wholeNumber(env, 'FILE_TEXT_MAX_BYTES', 50 * 1024 * 1024, 1, 2 ** 31, problems),
      maxPages: wholeNumber(env, 'FILE_TEXT_MAX_PAGES', 100, 1, 10_000, problems),
      timeoutSeconds: wholeNumber(env, 'FILE_TEXT_TIMEOUT_SECONDS', 120, 1, 3_600, problems),
      ocr: ocrSetting(env, problems),
    },
  };
}

function ocrSetting(env: Env, problems: Problems): 'auto' | 'off' {
  const raw = env.FILE_OCR;
  if (raw === undefined || raw === 'auto') return 'auto';
  if (raw === 'off') return 'off';
  problems.bad('FILE_OCR', raw, 'must be auto or off');
  return 'auto';
}
