import type { Env, Problems } from './problems.js';

/**
 * How counts are published (see banding.ts for the rule each applies):
 * - exact: the figures as they are (internal use; two exact reports can be subtracted);
 * - bands: every figure shown as the band it falls in; `bands` are the lower bounds, from 0;
 * - suppress: 1 to k-1 shown as "< k", larger figures as a range of width k ("50-59").
 */
export type CountsPolicy =
  { mode: 'exact' } | { mode: 'bands'; bands: readonly number[] } | { mode: 'suppress'; k: number };

export const COUNT_MODES = ['exact', 'bands', 'suppress'] as const;
export type CountMode = (typeof COUNT_MODES)[number];

/** 0, 1-9, 10-49, 50-99, 100-249, 250-499, 500+ */
export const DEFAULT_BANDS: readonly number[] = [0, 1, 10, 50, 100, 250, 500];
export const DEFAULT_SUPPRESS_BELOW = 10;

export interface ReportConfig {
  counts: CountsPolicy;
  /** ISO 3166-1 alpha-2: requests from authorities of this country are domestic. */
  homeCountry: string;
  /** IANA time zone in which `year=` and `half=` periods begin and end. */
  timeZone: string;
}

/** Why a band list is unusable, or null. Bands start at 0 and 1; every band from 1 on is at least two wide. */
export function bandListProblem(bands: readonly number[]): string | null {
  if (bands.length < 3) return 'must list at least three lower bounds, e.g. 0,1,10';
  if (!bands.every((b) => Number.isSafeInteger(b) && b >= 0)) return 'must be whole numbers >= 0';
  if (bands[0] !== 0 || bands[1] !== 1) return 'must start with 0,1 (zero is a band of its own)';
  for (let i = 2; i < bands.length; i++) {
    if ((bands[i] ?? 0) - (bands[i - 1] ?? 0) < 2)
      return 'must increase, each band from 1 on being at least two wide (e.g. 0,1,10,50)';
  }
  return null;
}

/** Why a counts policy cannot keep single cases apart, or null. */
export function policyProblem(policy: CountsPolicy): string | null {
  if (policy.mode === 'bands') return bandListProblem(policy.bands);
  if (policy.mode === 'suppress' && !(Number.isSafeInteger(policy.k) && policy.k >= 3))
    return 'k must be a whole number >= 3 ("< 2" would mean exactly 1)';
  return null;
}

/**
 * Reads the report settings from the environment; a bad value stops the service at start-up with
 * a message naming the variable:
 * - REPORT_COUNTS: exact | bands | suppress (default bands);
 * - REPORT_BANDS: lower bounds of the bands, comma-separated (default 0,1,10,50,100,250,500);
 * - REPORT_SUPPRESS_BELOW: k for `suppress` (default 10, at least 3);
 * - REPORT_HOME_COUNTRY: ISO 3166-1 alpha-2 (default DE).
 * The time zone of year/half-year boundaries is the organisation's (see time-zone.settings.ts).
 */
export function reportSettings(env: Env, timeZone: string, problems: Problems): ReportConfig {
  const bad = problems.bad;

  const mode = env.REPORT_COUNTS || 'bands';
  if (!(COUNT_MODES as readonly string[]).includes(mode))
    bad('REPORT_COUNTS', mode, `must be one of ${COUNT_MODES.join(', ')}`);

  const bandsRaw = env.REPORT_BANDS || '';
  const bands = bandsRaw
    ? bandsRaw.split(',').map((b) => (/^\s*\d{1,9}\s*$/.test(b) ? Number(b) : NaN))
    : [...DEFAULT_BANDS];
  const bandProblem = bandListProblem(bands);
  if (bandProblem) bad('REPORT_BANDS', bandsRaw, bandProblem);

  const kRaw = env.REPORT_SUPPRESS_BELOW || '';
  const k = kRaw === '' ? DEFAULT_SUPPRESS_BELOW : /^\d{1,6}$/.test(kRaw) ? Number(kRaw) : NaN;
  if (!(k >= 3))
    bad('REPORT_SUPPRESS_BELOW', kRaw, 'must be a whole number >= 3 ("< 2" would mean exactly 1)');

  const homeCountry = env.REPORT_HOME_COUNTRY || 'DE';
  if (!/^[A-Z]{2}$/.test(homeCountry))
    bad(
      'REPORT_HOME_COUNTRY',
      homeCountry,
      'must be an ISO 3166-1 alpha-2 code in capitals, e.g. DE',
    );

  const counts: CountsPolicy =
    mode === 'exact'
      ? { mode: 'exact' }
      : mode === 'suppress'
        ? { mode: 'suppress', k }
        : { mode: 'bands', bands };
  return { counts, homeCountry, timeZone };
}
