import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  bandLabels,
  describePolicy,
  foldBelow,
  minCasesForStatistics,
  publishAmount,
  publishCount,
  publishShare,
  type Figure,
} from '../../src/reports/banding.js';
import {
  DEFAULT_BANDS,
  policyProblem,
  type CountsPolicy,
} from '../../src/config/report.settings.js';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';

const loadReportConfig = (env: Record<string, string>) => loadConfig(env).reports;

const bands: CountsPolicy = { mode: 'bands', bands: DEFAULT_BANDS };
const suppress: CountsPolicy = { mode: 'suppress', k: 10 };
const exact: CountsPolicy = { mode: 'exact' };

/** The largest difference between two true values that their published figures allow (Infinity: unbounded). */
const widest = (a: Figure, b: Figure) =>
  b.high === null ? Infinity : (b.high as number) - (a.low as number);

describe('small counts', () => {
  it('bands counts as 0, 1-9, 10-49, 50-99, 100-249, 250-499, 500+', () => {
    expect(bandLabels(DEFAULT_BANDS)).toEqual([
      '0',
      '1-9',
      '10-49',
      '50-99',
      '100-249',
      '250-499',
      '500+',
    ]);
    expect(
      [0, 1, 9, 10, 49, 50, 99, 100, 249, 250, 499, 500, 123456].map(
        (n) => publishCount(n, bands).value,
      ),
    ).toEqual([
      '0',
      '1-9',
      '1-9',
      '10-49',
      '10-49',
      '50-99',
      '50-99',
      '100-249',
      '100-249',
      '250-499',
      '250-499',
      '500+',
      '500+',
    ]);
    expect(publishCount(37, bands)).toEqual({ value: '10-49', low: 10, high: 49 });
    expect(publishCount(700, bands)).toEqual({ value: '500+', low: 500, high: null });
  });

  it('suppresses 1 to k-1 and rounds larger counts down to a range of k', () => {
    expect([0, 1, 9, 10, 19, 57].map((n) => publishCount(n, suppress).value)).toEqual([
      '0',
      '< 10',
      '< 10',
      '10-19',
      '10-19',
      '50-59',
    ]);
    expect(publishCount(3, suppress)).toEqual({ value: '< 10', low: 1, high: 9 });
  });

  it('shows exact counts as numbers', () => {
    expect(publishCount(7, exact)).toEqual({ value: 7, low: 7, high: 7 });
    expect(() => publishCount(-1, exact)).toThrow(RangeError);
    expect(() => publishCount(1.5, bands)).toThrow(RangeError);
  });

  it('bands amounts by their whole units, never showing a real outage as 0', () => {
    expect(publishAmount(0, bands).value).toBe('0');
    expect(publishAmount(0.4, bands).value).toBe('1-9');
    expect(publishAmount(9.9, bands).value).toBe('1-9');
    expect(publishAmount(10, bands).value).toBe('10-49');
    expect(publishAmount(4358, bands).value).toBe('500+');
    expect(publishAmount(9.4167, exact).value).toBe(9.4);
    expect(publishAmount(0.4, suppress).value).toBe('< 10');
  });

  it('derives shares from the published ranges only', () => {
    const share = (part: number, whole: number, policy: CountsPolicy) =>
      publishShare(
        { exact: part, published: publishCount(part, policy) },
        { exact: whole, published: publishCount(whole, policy) },
        policy,
      );
    expect(share(4, 13, exact).value).toBe(30.8);
    expect(share(0, 0, exact).value).toBeNull();
    expect(share(0, 0, bands).value).toBeNull();
    expect(share(4, 13, bands)).toEqual({ value: '2-90', low: 2, high: 90 });
    expect(share(0, 13, bands)).toEqual({ value: '0', low: 0, high: 0 });
    expect(share(13, 13, bands)).toEqual({ value: '20.4-100', low: 20.4, high: 100 });
    expect(share(600, 700, bands)).toEqual({ value: '0-100', low: 0, high: 100 });
    // Two reports with different exact counts but the same bands publish the same share.
    expect(share(4, 13, bands)).toEqual(share(7, 48, bands));
  });

  it('never lets two figures that differ by one case be told apart to one case', () => {
    for (const policy of [
      bands,
      suppress,
      { mode: 'bands', bands: [0, 1, 3, 5] } as CountsPolicy,
      { mode: 'suppress', k: 3 } as CountsPolicy,
    ]) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
          const a = publishCount(n, policy);
          const b = publishCount(n + 1, policy);
          // Either the same figure (nothing learnt), or the published ranges allow a difference of more than one.
          return JSON.stringify(a) === JSON.stringify(b) || widest(a, b) > 1;
        }),
      );
    }
  });

  it('never publishes a figure whose range does not contain the true value', () => {
    for (const policy of [bands, suppress, exact]) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
          const f = publishCount(n, policy);
          return (f.low as number) <= n && (f.high === null || n <= f.high);
        }),
      );
    }
  });

  it('combines rare values below the second band', () => {
    expect(foldBelow(bands)).toBe(10);
    expect(foldBelow(suppress)).toBe(10);
    expect(foldBelow({ mode: 'suppress', k: 5 })).toBe(5);
    expect(foldBelow(exact)).toBe(0);
  });
});

/** Any policy the settings accept: bands from 0 and 1, each further band at least two wide; k >= 3. */
const anyPolicy: fc.Arbitrary<CountsPolicy> = fc.oneof(
  fc
    .array(fc.integer({ min: 2, max: 200 }), { minLength: 1, maxLength: 8 })
    .map((widths): CountsPolicy => {
      const bands = [0, 1];
      for (const w of widths) bands.push(bands[bands.length - 1] + w);
      return { mode: 'bands', bands };
    }),
  fc.integer({ min: 3, max: 100 }).map((k): CountsPolicy => ({ mode: 'suppress', k })),
);
const contains = (f: Figure, x: number) =>
  (f.low as number) <= x && (f.high === null || x <= (f.high as number));

describe('small counts under any accepted policy', () => {
  it('generates only policies the settings accept', () => {
    fc.assert(fc.property(anyPolicy, (policy) => policyProblem(policy) === null));
  });

  it('never publishes a count outside its range, and publishes a band label as it is listed', () => {
    fc.assert(
      fc.property(anyPolicy, fc.integer({ min: 0, max: 1_000_000 }), (policy, n) => {
        const f = publishCount(n, policy);
        const listed =
          policy.mode !== 'bands' || bandLabels(policy.bands).includes(f.value as string);
        return contains(f, n) && listed && (n === 0) === (f.value === '0');
      }),
    );
  });

  it('never lets two counts one apart be told apart to one case', () => {
    fc.assert(
      fc.property(anyPolicy, fc.integer({ min: 0, max: 100_000 }), (policy, n) => {
        const a = publishCount(n, policy);
        const b = publishCount(n + 1, policy);
        return JSON.stringify(a) === JSON.stringify(b) || widest(a, b) > 1;
      }),
    );
  });

  it('never publishes an amount outside the range of its whole units, nor a real one as 0', () => {
    fc.assert(
      fc.property(anyPolicy, fc.double({ min: 0, max: 1e6, noNaN: true }), (policy, x) => {
        const f = publishAmount(x, policy);
        return (
          contains(f, x === 0 ? 0 : Math.max(1, Math.floor(x))) && (x === 0) === (f.value === '0')
        );
      }),
    );
  });

  it('never publishes a share whose range leaves out the true share', () => {
    fc.assert(
      fc.property(
        anyPolicy,
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (policy, whole, fraction) => {
          const part = Math.floor(whole * fraction);
          const f = publishShare(
            { exact: part, published: publishCount(part, policy) },
            { exact: whole, published: publishCount(whole, policy) },
            policy,
          );
          const truth = (100 * part) / whole;
          return (
            (f.low as number) <= truth && truth <= (f.high as number) && (f.high as number) <= 100
          );
        },
      ),
    );
  });

  it('contains the true share at the edges of the bands too (every part and whole up to 120)', () => {
    for (const policy of [
      bands,
      suppress,
      ...[3, 6, 7].map((k): CountsPolicy => ({ mode: 'suppress', k })),
      { mode: 'bands', bands: [0, 1, 3, 7, 12] } as CountsPolicy,
    ]) {
      const misses: string[] = [];
      for (let whole = 1; whole <= 120; whole++) {
        for (let part = 0; part <= whole; part++) {
          const f = publishShare(
            { exact: part, published: publishCount(part, policy) },
            { exact: whole, published: publishCount(whole, policy) },
            policy,
          );
          const truth = (100 * part) / whole;
          if (!((f.low as number) <= truth && truth <= (f.high as number)))
            misses.push(`${part}/${whole}: ${f.value}`);
        }
      }
      expect({ policy, misses }).toEqual({ policy, misses: [] });
    }
  });

  it('computes a banded share from the published figures only, never from the exact counts', () => {
    fc.assert(
      fc.property(anyPolicy, fc.nat(5000), fc.nat(5000), fc.nat(5000), (policy, a, b, c) => {
        const [part, whole] = a <= b ? [a, b] : [b, a];
        const published = {
          part: publishCount(part, policy),
          whole: publishCount(whole, policy),
        };
        const one = publishShare(
          { exact: part, published: published.part },
          { exact: whole, published: published.whole },
          policy,
        );
        const other = publishShare(
          { exact: c, published: published.part },
          { exact: c + 1, published: published.whole },
          policy,
        );
        return JSON.stringify(one) === JSON.stringify(other);
      }),
    );
  });

  it('publishes medians only over at least as many cases as it names rows', () => {
    expect(minCasesForStatistics(exact)).toBe(1);
    expect(minCasesForStatistics(bands)).toBe(10);
    expect(minCasesForStatistics({ mode: 'suppress', k: 4 })).toBe(4);
  });

  it('states the policy as the report prints it', () => {
    expect(describePolicy(bands)).toEqual({
      mode: 'bands',
      bands: ['0', '1-9', '10-49', '50-99', '100-249', '250-499', '500+'],
      smallValuesCombinedBelow: 10,
    });
    expect(describePolicy(suppress)).toEqual({
      mode: 'suppress',
      suppressBelow: 10,
      smallValuesCombinedBelow: 10,
    });
    expect(describePolicy(exact)).toEqual({ mode: 'exact', smallValuesCombinedBelow: 0 });
    expect(bandLabels([0, 1, 3, 5])).toEqual(['0', '1-2', '3-4', '5+']);
  });

  it.each([
    [{ mode: 'bands', bands: [0, 1, 3] }, null],
    [{ mode: 'bands', bands: [0, 1, 2] }, /two wide/],
    [{ mode: 'bands', bands: [0, 2, 10] }, /start with 0,1/],
    [{ mode: 'bands', bands: [0, 1] }, /at least three/],
    [{ mode: 'bands', bands: [0, 1, 10, 5] }, /increase/],
    [{ mode: 'suppress', k: 3 }, null],
    [{ mode: 'suppress', k: 2 }, /k must be/],
    [{ mode: 'suppress', k: 3.5 }, /k must be/],
    [{ mode: 'exact' }, null],
  ] as [CountsPolicy, RegExp | null][])('judges %j', (policy, problem) => {
    if (problem === null) expect(policyProblem(policy)).toBeNull();
    else expect(policyProblem(policy)).toMatch(problem);
  });
});

describe('report settings (through the one config loader)', () => {
  it('defaults to bands, DE and the German organisation time zone', () => {
    expect(loadReportConfig({})).toEqual({
      counts: { mode: 'bands', bands: DEFAULT_BANDS },
      homeCountry: 'DE',
      timeZone: 'Europe/Berlin',
    });
  });

  it('reads ORG_TIME_ZONE, and REPORT_TIME_ZONE as its older name', () => {
    expect(loadReportConfig({ ORG_TIME_ZONE: 'UTC' }).timeZone).toBe('UTC');
    expect(loadReportConfig({ REPORT_TIME_ZONE: 'Europe/Vienna' }).timeZone).toBe('Europe/Vienna');
    expect(() =>
      loadReportConfig({ ORG_TIME_ZONE: 'UTC', REPORT_TIME_ZONE: 'Europe/Vienna' }),
    ).toThrow(/REPORT_TIME_ZONE/);
    expect(() => loadReportConfig({ ORG_TIME_ZONE: 'Mars/Olympus' })).toThrow(/ORG_TIME_ZONE/);
  });

  it('reads every variable', () => {
    expect(
      loadReportConfig({
        REPORT_COUNTS: 'suppress',
        REPORT_SUPPRESS_BELOW: '5',
        REPORT_HOME_COUNTRY: 'AT',
        REPORT_TIME_ZONE: 'Europe/Vienna',
      }),
    ).toEqual({ counts: { mode: 'suppress', k: 5 }, homeCountry: 'AT', timeZone: 'Europe/Vienna' });
    expect(loadReportConfig({ REPORT_BANDS: '0, 1, 5, 20' }).counts).toEqual({
      mode: 'bands',
      bands: [0, 1, 5, 20],
    });
    expect(loadReportConfig({ REPORT_COUNTS: 'exact' }).counts).toEqual({ mode: 'exact' });
  });

  it('names every bad variable of every section in one message', () => {
    let error: unknown;
    try {
      loadReportConfig({
        REPORT_COUNTS: 'rounded',
        REPORT_BANDS: '0,1,2',
        REPORT_SUPPRESS_BELOW: '1',
        REPORT_HOME_COUNTRY: 'de',
        REPORT_TIME_ZONE: 'Mars/Olympus',
        AUDIT_CHECKPOINT_INTERVAL_SECONDS: 'often',
        ORG_WEBSITE: 'ftp://example.org',
        PORT: 'eighty',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of [
      'REPORT_COUNTS',
      'REPORT_BANDS',
      'REPORT_SUPPRESS_BELOW',
      'REPORT_HOME_COUNTRY',
      'REPORT_TIME_ZONE',
      'AUDIT_CHECKPOINT_INTERVAL_SECONDS',
      'ORG_WEBSITE',
      'PORT',
    ]) {
      expect(message).toContain(name);
    }
    expect(() => loadReportConfig({ REPORT_BANDS: '1,10,50' })).toThrow(/start with 0,1/);
    expect(() => loadReportConfig({ REPORT_BANDS: '0,1,x' })).toThrow(/whole numbers/);
  });
});
