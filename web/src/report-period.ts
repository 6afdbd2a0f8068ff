/** The reporting period as the reports API takes it: a year, a half-year, or from and to. */
export type PeriodChoice =
  | { kind: 'year'; year: number }
  | { kind: 'half'; year: number; half: 1 | 2 }
  | { kind: 'range'; from: string; to: string };

export type PeriodQuery = { year?: string; half?: string; from?: string; to?: string };

/** Midnight at the start of a date (yyyy-mm-dd) in the browser's time zone, with its offset. */
export function midnight(date: string): string {
  const d = new Date(`${date}T00:00:00`);
  const offset = -d.getTimezoneOffset();
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${date}T00:00:00${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** The day after a date (yyyy-mm-dd), calendar arithmetic without time zones. */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

/**
 * The query for a choice, or null while it is incomplete. The "to" day is included for the user
 * and excluded by the API, so the query ends at midnight after it.
 */
export function periodQuery(choice: PeriodChoice): PeriodQuery | null {
  switch (choice.kind) {
    case 'year':
      return Number.isInteger(choice.year) && choice.year >= 1900 && choice.year <= 9999
        ? { year: String(choice.year) }
        : null;
    case 'half':
      return Number.isInteger(choice.year) && choice.year >= 1900 && choice.year <= 9999
        ? { half: `${choice.year}-H${choice.half}` }
        : null;
    case 'range': {
      const valid = /^\d{4}-\d{2}-\d{2}$/;
      if (!valid.test(choice.from) || !valid.test(choice.to) || choice.to < choice.from)
        return null;
      return { from: midnight(choice.from), to: midnight(nextDay(choice.to)) };
    }
  }
}

/** Whether a section's figures are all exact numbers (then a chart tells the truth without notes). */
export function isExact(rows: { value: number | string | null }[]): boolean {
  return rows.every((r) => r.value === null || typeof r.value === 'number');
}
