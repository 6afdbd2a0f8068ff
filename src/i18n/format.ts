import type { Language } from './languages.js';

const LOCALE: Record<Language, string> = { en: 'en-GB', de: 'de-DE' };

/** "15 January 2015" / "15. Januar 2015", in the given time zone. */
export function formatDate(value: Date | string | null, language: Language, timeZone: string) {
  if (value === null) return '';
  return new Intl.DateTimeFormat(LOCALE[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(new Date(value));
}

/** "15 Jan 2015, 11:12 CET" / "15.01.2015, 11:12 MEZ", in the given time zone, which it names. */
export function formatDateTime(value: Date | string | null, language: Language, timeZone: string) {
  if (value === null) return '';
  return new Intl.DateTimeFormat(LOCALE[language], {
    day: '2-digit',
    month: language === 'de' ? '2-digit' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(value));
}

/** 156 -> "2 h 36 min" / "2 Std. 36 Min."; 3000 -> "2 d 2 h 0 min" is not used: hours keep adding up. */
export function formatMinutes(minutes: number, language: Language) {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  const [hu, mu] = language === 'de' ? ['Std.', 'Min.'] : ['h', 'min'];
  const hours = new Intl.NumberFormat(LOCALE[language]).format(h);
  return h ? `${hours} ${hu} ${m} ${mu}` : `${m} ${mu}`;
}

export function formatNumber(value: number, language: Language) {
  return new Intl.NumberFormat(LOCALE[language]).format(value);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/**
 * A data volume in decimal units, as the sources give it: 5000000000000 -> "5 TB",
 * 269000000000 -> "269 GB" ("269 GB" in German too), 1500000000 -> "1.5 GB" / "1,5 GB".
 */
export function formatBytes(bytes: number, language: Language) {
  let exponent = 0;
  while (exponent < BYTE_UNITS.length - 1 && bytes >= 1000 ** (exponent + 1)) exponent++;
  return new Intl.NumberFormat(LOCALE[language], {
    style: 'unit',
    unit: BYTE_UNITS[exponent],
    unitDisplay: exponent === 0 ? 'long' : 'short',
    maximumFractionDigits: exponent === 0 ? 0 : 1,
  }).format(bytes / 1000 ** exponent);
}
