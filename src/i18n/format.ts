import type { EndState, TimePrecision } from '../domain/vocabulary.js';
import type { Language } from './languages.js';
import { dateTimeFormat, numberFormat } from './intl-cache.js';

const LOCALE: Record<Language, string> = { en: 'en-GB', de: 'de-DE' };

/** "15 January 2015" / "15. Januar 2015", in the given time zone. */
export function formatDate(value: Date | string | null, language: Language, timeZone: string) {
  if (value === null) return '';
  return dateTimeFormat(LOCALE[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(new Date(value));
}

/** "15 Jan 2015, 11:12 CET" / "15.01.2015, 11:12 MEZ", in the given time zone, which it names. */
export function formatDateTime(value: Date | string | null, language: Language, timeZone: string) {
  if (value === null) return '';
  return dateTimeFormat(LOCALE[language], {
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
  const hours = numberFormat(LOCALE[language]).format(h);
  return h ? `${hours} ${hu} ${m} ${mu}` : `${m} ${mu}`;
}

export function formatNumber(value: number, language: Language) {
  return numberFormat(LOCALE[language]).format(value);
}

/** The parts of a moment as formatDateTime prints them: date, hours, minutes, zone. */
function momentParts(value: Date | string, language: Language, timeZone: string) {
  const parts = dateTimeFormat(LOCALE[language], {
    day: '2-digit',
    month: language === 'de' ? '2-digit' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).formatToParts(new Date(value));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const date =
    language === 'de'
      ? `${part('day')}.${part('month')}.${part('year')}`
      : `${part('day')} ${part('month')} ${part('year')}`;
  return { date, hour: part('hour'), minute: part('minute'), zone: part('timeZoneName') };
}

/**
 * A moment a person entered, as precisely as it is known:
 * minute "15 Jan 2015, 11:12 CET" / "15.01.2015, 11:12 MEZ"; hour "15 Jan 2015, 11 h CET" /
 * "15.01.2015, 11 Uhr MEZ"; day "3 July 2020" / "3. Juli 2020"; approximate "15 Jan 2015, about
 * 11:20 CET" / "15.01.2015, gegen 11:20 Uhr MEZ".
 */
export function formatMoment(
  value: Date | string | null,
  precision: TimePrecision | null | undefined,
  language: Language,
  timeZone: string,
) {
  if (value === null) return '';
  if (precision === 'day') return formatDate(value, language, timeZone);
  if (precision !== 'hour' && precision !== 'approximate')
    return formatDateTime(value, language, timeZone);
  const { date, hour, minute, zone } = momentParts(value, language, timeZone);
  if (precision === 'hour')
    return language === 'de'
      ? `${date}, ${Number(hour)} Uhr ${zone}`
      : `${date}, ${Number(hour)} h ${zone}`;
  return language === 'de'
    ? `${date}, gegen ${hour}:${minute} Uhr ${zone}`
    : `${date}, about ${hour}:${minute} ${zone}`;
}

/** A day a person entered: "3 July 2020"; known only roughly "about 3 July 2020" / "etwa 3. Juli 2020". */
export function formatDay(
  value: Date | string | null,
  precision: TimePrecision | null | undefined,
  language: Language,
  timeZone: string,
) {
  if (value === null) return '';
  const day = formatDate(value, language, timeZone);
  if (precision !== 'approximate') return day;
  return language === 'de' ? `etwa ${day}` : `about ${day}`;
}

/**
 * How a span ended, in words (empty while ongoing, for the template's own "ongoing"): the end as
 * precisely as known; "ended, time unknown"; "at least until 7 July 2020".
 */
export function formatEnd(
  end: Date | string | null,
  state: EndState,
  precision: TimePrecision | null | undefined,
  language: Language,
  timeZone: string,
  day = false,
) {
  const at = (d: Date | string) =>
    day
      ? formatDay(d, precision, language, timeZone)
      : formatMoment(d, precision, language, timeZone);
  if (state === 'ongoing') return '';
  if (state === 'ended_unknown')
    return language === 'de' ? 'beendet, Zeitpunkt unbekannt' : 'ended, time unknown';
  if (end === null) return '';
  if (state === 'at_least_until')
    return language === 'de' ? `mindestens bis ${at(end)}` : `at least until ${at(end)}`;
  return at(end);
}

/**
 * A computed duration with what it rests on: "at least 96 h 0 min" when an end is unknown,
 * "approx. 5 h 0 min" when it rests on times known only roughly, to the hour or to the day; and
 * "unknown (end not known)" when all it could say is "at least 0 min".
 */
export function formatFigureMinutes(
  minutes: number,
  quality: { lowerBound?: boolean; approximate?: boolean },
  language: Language,
) {
  const words =
    language === 'de'
      ? { atLeast: 'mindestens', approx: 'ca.', unknown: 'unbekannt (Ende nicht bekannt)' }
      : { atLeast: 'at least', approx: 'approx.', unknown: 'unknown (end not known)' };
  if (quality.lowerBound && minutes === 0) return words.unknown;
  return [
    quality.lowerBound ? words.atLeast : '',
    quality.approximate ? words.approx : '',
    formatMinutes(minutes, language),
  ]
    .filter(Boolean)
    .join(' ');
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/**
 * A data volume in decimal units, as the sources give it: 5000000000000 -> "5 TB",
 * 269000000000 -> "269 GB" ("269 GB" in German too), 1500000000 -> "1.5 GB" / "1,5 GB".
 */
export function formatBytes(bytes: number, language: Language) {
  let exponent = 0;
  while (exponent < BYTE_UNITS.length - 1 && bytes >= 1000 ** (exponent + 1)) exponent++;
  return numberFormat(LOCALE[language], {
    style: 'unit',
    unit: BYTE_UNITS[exponent],
    unitDisplay: exponent === 0 ? 'long' : 'short',
    maximumFractionDigits: exponent === 0 ? 0 : 1,
  }).format(bytes / 1000 ** exponent);
}
