import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  bandLabels,
  foldBelow,
  publishAmount,
  publishCount,
  publishShare,
  type Figure,
} from '../../src/reports/banding.js';
import { DEFAULT_BANDS, type CountsPolicy } from '../../src/config/report.settings.js';
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

describe('report settings (through the one config loader)', () => {
  it('defaults to bands, DE and UTC', () => {
    expect(loadReportConfig({})).toEqual({
      counts: { mode: 'bands', bands: DEFAULT_BANDS },
      homeCountry: 'DE',
      timeZone: 'UTC',
    });
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
