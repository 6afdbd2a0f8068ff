/**
 * The latest report's figures for the portal: the totals as published, and a bar chart per
 * breakdown of requests (by type, authority, outcome, …). The charts are HTML: a <meter> per row
 * beside the published figure in text, so they need neither script nor drawing, and read out as
 * a table. A banded figure ("1-9") has its bar at the middle of its band; the text is the figure.
 */

interface PublishedRow {
  key?: string;
  label: string;
  value: unknown;
  low?: number | null;
  high?: number | null;
  unit?: string;
}
export interface PublishedReport {
  sections?: { key: string; title: string; rows: PublishedRow[] }[];
}

export interface Figure {
  label: string;
  value: string;
}
export interface ChartBar {
  label: string;
  /** The figure as published (a number, a band such as "1-9", or "< 10"). */
  value: string;
  /** The bar's length, on the scale 0 to `max` of its chart. */
  bar: number;
}
export interface Chart {
  title: string;
  max: number;
  bars: ChartBar[];
}

/** At most this many charts and bars each: the portal stays under its size budget. */
const MAX_CHARTS = 8;
const MAX_BARS = 12;

const shown = (r: PublishedRow) => `${String(r.value)}${r.unit === 'percent' ? ' %' : ''}`;

/** The length of a row's bar: its number, or the middle of its band; null when it has none. */
function barOf(r: PublishedRow): number | null {
  if (typeof r.value === 'number') return r.value;
  const low = typeof r.low === 'number' ? r.low : null;
  if (low === null) return null;
  return typeof r.high === 'number' ? (low + r.high) / 2 : low;
}

export function portalFigures(report: PublishedReport): { figures: Figure[]; charts: Chart[] } {
  const sections = report.sections ?? [];
  const totals = sections.find((s) => s.key === 'totals');
  const charts: Chart[] = [];
  for (const s of sections) {
    if (s.key === 'totals' || charts.length >= MAX_CHARTS) continue;
    const rows = s.rows.filter((r) => r.unit === 'requests');
    if (rows.length < 2 || rows.length !== s.rows.length) continue;
    const bars = rows
      .map((r) => ({ label: r.label, value: shown(r), bar: barOf(r) }))
      .filter((b): b is ChartBar => b.bar !== null)
      .slice(0, MAX_BARS);
    const max = Math.max(0, ...bars.map((b) => b.bar));
    // A breakdown of nothing has no shape to show.
    if (max > 0) charts.push({ title: s.title, max, bars });
  }
  return {
    figures: (totals?.rows ?? []).map((r) => ({ label: r.label, value: shown(r) })),
    charts,
  };
}
