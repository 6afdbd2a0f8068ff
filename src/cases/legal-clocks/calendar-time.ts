import Holidays from 'date-holidays';
import { dateTimeFormat } from '../../i18n/intl-cache.js';

/** A calendar date in the organisation's time zone. */
export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const formatter = (timeZone: string) =>
  dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The calendar date an instant falls on in the time zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClock(instant, timeZone);
  return { year, month, day };
}

/** The instant at which the wall clock in the time zone shows this date and time. */
export function instantAt(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  let guess = wanted;
  // Two rounds settle the offset, also across a change to or from summer time.
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    guess += wanted - shown;
  }
  return new Date(guess);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const isoDate = (d: LocalDate) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Days off under German law (public holidays of the country or one state) and weekends. */
export class WorkingDays {
  private readonly holidays: Holidays;
  private readonly byYear = new Map<number, Set<string>>();

  constructor(country: string, state: string | null) {
    this.holidays = state ? new Holidays(country, state) : new Holidays(country);
  }

  /** Names of the public holidays on the date, or none. */
  isHoliday(date: LocalDate): boolean {
    let days = this.byYear.get(date.year);
    if (!days) {
      days = new Set(
        this.holidays
          .getHolidays(date.year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      this.byYear.set(date.year, days);
    }
    return days.has(isoDate(date));
  }

  isWorkingDay(date: LocalDate): boolean {
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.isHoliday(date);
  }

  /** The n-th working day after the date (the date itself not counted). */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    let d = date;
    for (let counted = 0; counted < n;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) counted++;
    }
    return d;
  }
}
