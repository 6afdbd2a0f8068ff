import i18n from './i18n';

const lang = () => (i18n.language === 'en' ? 'en-GB' : 'de-DE');

export function formatDateTime(iso: string | null | undefined) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string | null | undefined) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatNumber(n: number | null | undefined, digits = 0) {
  if (n === null || n === undefined) return '–';
  return new Intl.NumberFormat(lang(), { maximumFractionDigits: digits }).format(n);
}

/** 156 → "2 Std. 36 Min." (de) or "2 hr 36 min" (en). */
export function formatMinutes(total: number) {
  const unit = (value: number, u: 'hour' | 'minute' | 'day') =>
    new Intl.NumberFormat(lang(), { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = [];
  if (days) parts.push(unit(days, 'day'));
  if (hours) parts.push(unit(hours, 'hour'));
  if (minutes || parts.length === 0) parts.push(unit(minutes, 'minute'));
  return parts.join(' ');
}

/** A value for <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(date: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as ISO 8601 with the browser's offset, as the API wants it. */
export function fromLocalInput(value: string): string {
  const d = new Date(value);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${value.length === 16 ? value + ':00' : value}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}
