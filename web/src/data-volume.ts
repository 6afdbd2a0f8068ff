import { formatBytes } from '../../src/i18n/format.js';

const FACTORS: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
};

/**
 * A data volume as people write it ("5 TB", "269 GB", "1,5 GB") in bytes, decimal units as the
 * documents print them; null for an empty field, NaN for what is not a volume.
 */
export function parseDataVolume(text: string): number | null {
  const s = text.trim();
  if (!s) return null;
  const m = /^(\d+(?:[.,]\d+)?)\s*([a-z]*)$/i.exec(s);
  if (!m) return NaN;
  const factor = FACTORS[(m[2] || 'b').toLowerCase()];
  if (factor === undefined) return NaN;
  return Math.round(Number(m[1]!.replace(',', '.')) * factor);
}

/** Bytes as "5 TB" / "269 GB" in the page's language. */
export function formatDataVolume(bytes: number | null | undefined, language: string) {
  if (bytes === null || bytes === undefined) return '–';
  return formatBytes(bytes, language === 'en' ? 'en' : 'de');
}
