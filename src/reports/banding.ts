/**
 * Small counts in published reports. The rule, applied to every figure of every format:
 *
 * 1. Every figure (each cell, each total, each sum such as accounts or hours) is computed from the
 *    case records and then banded on its own. No published figure is derived from other banded
 *    figures by addition, and no exact figure is published next to banded ones.
 * 2. A band never has width one, except the band "0": when two published reports differ by one
 *    case (two overlapping periods, or a report republished after a gag was lifted), the bands of
 *    the two figures either coincide or are neighbours that allow a difference of 1 up to twice the
 *    band width, so the difference cannot be pinned to one case.
 * 3. Shares (the percentage of requests where data was produced) are computed from the published
 *    bands of their two figures, never from the exact counts: they add nothing to what the bands say.
 * 4. Values whose rows exist only because some case has them (a legal basis, a country) are shown
 *    only from the second band on (bands: 10, suppress: k); smaller ones are added up, from the
 *    records, into one "other" row, so that a rare citation or country cannot single a case out.
 * 5. Medians (DSA section) are published only for cells of at least that size.
 *
 * `exact` publishes the figures as they are, for internal use: it has none of these properties.
 */
import type { CountsPolicy } from '../config/report.settings.js';

export interface Figure {
  /**
   * What is published: a number when counts are exact; otherwise a string such as "0", "1-9",
   * "500+" or "< 10". null when the figure does not apply (the share of no requests).
   */
  value: number | string | null;
  /** The smallest value the published figure allows (null when it does not apply). */
  low: number | null;
  /** The largest value the published figure allows; null when it has no upper bound ("500+"). */
  high: number | null;
}

const exact = (n: number): Figure => ({ value: n, low: n, high: n });

/** A whole number >= 0 as published under `policy`. */
export function publishCount(n: number, policy: CountsPolicy): Figure {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`);
  switch (policy.mode) {
    case 'exact':
      return exact(n);
    case 'bands': {
      const { bands } = policy;
      let i = 0;
      while (i + 1 < bands.length && bands[i + 1] <= n) i++;
      const low = bands[i];
      const high = i + 1 < bands.length ? bands[i + 1] - 1 : null;
      return {
        value: high === null ? `${low}+` : low === high ? `${low}` : `${low}-${high}`,
        low,
        high,
      };
    }
    case 'suppress': {
      const { k } = policy;
      if (n === 0) return { value: '0', low: 0, high: 0 };
      if (n < k) return { value: `< ${k}`, low: 1, high: k - 1 };
      const low = Math.floor(n / k) * k;
      return { value: `${low}-${low + k - 1}`, low, high: low + k - 1 };
    }
  }
}

/**
 * A non-negative amount (hours of downtime) as published: exact to one decimal, otherwise banded
 * like a count of its whole units, where any amount above zero counts as at least one unit
 * (half an hour of downtime is not "0").
 */
export function publishAmount(x: number, policy: CountsPolicy): Figure {
  if (!(x >= 0)) throw new RangeError(`not an amount: ${x}`);
  if (policy.mode === 'exact') return exact(Math.round(x * 10) / 10);
  return publishCount(x === 0 ? 0 : Math.max(1, Math.floor(x)), policy);
}

/**
 * `part` as a percentage of `whole`. Exact counts give the exact share (one decimal); otherwise
 * the share is the range the two published figures allow, and nothing more.
 */
export function publishShare(
  part: { exact: number; published: Figure },
  whole: { exact: number; published: Figure },
  policy: CountsPolicy,
): Figure {
  if (policy.mode === 'exact') {
    if (whole.exact === 0) return { value: null, low: null, high: null };
    return exact(Math.round((1000 * part.exact) / whole.exact) / 10);
  }
  const p = part.published;
  const w = whole.published;
  if (w.high === 0) return { value: null, low: null, high: null };
  const pLow = p.low ?? 0;
  // The whole is at least the part: its smallest possible value is the larger of the two lows.
  const wLow = Math.max(w.low ?? 0, pLow, 1);
  const lowShare = w.high === null ? 0 : pLow / w.high;
  const highShare = p.high === null ? 1 : Math.min(1, p.high / wLow);
  const low = Math.floor(lowShare * 1000) / 10;
  const high = Math.ceil(highShare * 1000) / 10;
  return { value: low === high ? `${low}` : `${low}-${high}`, low, high };
}

/**
 * Rows that exist only because some case has that value (a citation, a country) are shown when
 * they hold at least this many cases; smaller ones go into "other". 0: show every row.
 */
export function foldBelow(policy: CountsPolicy): number {
  switch (policy.mode) {
    case 'exact':
      return 0;
    case 'bands':
      return policy.bands[2];
    case 'suppress':
      return policy.k;
  }
}

/** The fewest cases a median may be computed over before it is published. */
export function minCasesForStatistics(policy: CountsPolicy): number {
  return Math.max(1, foldBelow(policy));
}

/** The policy as the report states it. */
export function describePolicy(policy: CountsPolicy) {
  return {
    mode: policy.mode,
    ...(policy.mode === 'bands' ? { bands: bandLabels(policy.bands) } : {}),
    ...(policy.mode === 'suppress' ? { suppressBelow: policy.k } : {}),
    smallValuesCombinedBelow: foldBelow(policy),
  };
}

export function bandLabels(bands: readonly number[]): string[] {
  return bands.map((low, i) => {
    const next = bands[i + 1];
    if (next === undefined) return `${low}+`;
    return next - 1 === low ? `${low}` : `${low}-${next - 1}`;
  });
}
