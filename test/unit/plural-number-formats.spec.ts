import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { TemplateRenderer } from '../../src/documents/template-renderer.js';
import {
  countPhrase,
  formatBand,
  formatPercent,
  formatPercentRange,
} from '../../src/i18n/plural.js';
import { shown } from '../../src/reports/report-document.js';
import type { ReportRow } from '../../src/reports/report.model.js';

/** Non-breaking spaces as Intl writes them, made visible for comparisons. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function renderer(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'templates-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return new TemplateRenderer(dir);
}

const row = (r: Partial<ReportRow>): ReportRow => ({
  key: 'k',
  label: 'l',
  unit: 'requests',
  value: null,
  low: null,
  high: null,
  ...r,
});

describe('counts and their nouns', () => {
  it('picks the singular for one and the plural otherwise, in both languages', () => {
    const de = { one: 'ein System', other: '# Systeme' };
    const en = { one: 'one system', other: '# systems' };
    expect(countPhrase(1, de, 'de')).toBe('ein System');
    expect(countPhrase(2, de, 'de')).toBe('2 Systeme');
    expect(countPhrase(0, de, 'de')).toBe('0 Systeme');
    expect(countPhrase(1, en, 'en')).toBe('one system');
    expect(countPhrase(3, en, 'en')).toBe('3 systems');
  });

  it('writes large counts with the digits of the language', () => {
    const forms = { one: '# Konto', other: '# Konten' };
    expect(countPhrase(12345, forms, 'de')).toBe('12.345 Konten');
    expect(countPhrase(12345, { one: '# account', other: '# accounts' }, 'en')).toBe(
      '12,345 accounts',
    );
  });
});

describe('percentages and ranges', () => {
  it('writes a share with the decimal separator and the per-cent sign of the language', () => {
    expect(plain(formatPercent(11.1, 'de'))).toBe('11,1 %');
    expect(formatPercent(11.1, 'en')).toBe('11.1%');
    expect(plain(formatPercent(0, 'de'))).toBe('0 %');
    expect(formatPercent(0, 'en')).toBe('0%');
  });

  it('writes a range of shares with one per-cent sign and a dash', () => {
    expect(plain(formatPercentRange(11.1, 100, 'de'))).toBe('11,1–100 %');
    expect(plain(formatPercentRange(11.1, 100, 'en'))).toMatch(/^11\.1% ?– ?100%$/);
    expect(plain(formatPercentRange(50, 50, 'de'))).toBe('50 %');
  });

  it('writes bands with a dash and the digits of the language', () => {
    expect(formatBand(1, 9, 'de')).toBe('1–9');
    expect(formatBand(1000, 2499, 'de')).toBe('1.000–2.499');
    expect(formatBand(1000, 2499, 'en')).toBe('1,000–2,499');
    expect(formatBand(500, null, 'en')).toBe('500+');
    expect(formatBand(0, 0, 'de')).toBe('0');
  });

  it('shows every kind of published report figure the same way in a language', () => {
    // a zero share and a range of shares look alike: both with the language's per-cent sign
    const zero = shown(row({ unit: 'percent', value: 0, low: 0, high: 0 }), 'en');
    const range = shown(row({ unit: 'percent', value: '11.1-100', low: 11.1, high: 100 }), 'en');
    expect(zero).toBe('0%');
    expect(plain(range)).toMatch(/^11\.1% ?– ?100%$/);
    expect(
      plain(shown(row({ unit: 'percent', value: '11.1-100', low: 11.1, high: 100 }), 'de')),
    ).toBe('11,1–100 %');
    expect(plain(shown(row({ unit: 'percent', value: 0, low: 0, high: 0 }), 'de'))).toBe('0 %');
    expect(shown(row({ value: '1-9', low: 1, high: 9 }), 'de')).toBe('1–9');
    expect(shown(row({ value: '< 10', low: 1, high: 9 }), 'de')).toBe('< 10');
    expect(shown(row({ unit: 'hours', value: 4357.5, low: 4357.5, high: 4357.5 }), 'de')).toBe(
      '4.357,5',
    );
    expect(shown(row({ unit: 'percent', value: null }), 'de')).toBe('–');
  });
});

describe('the plural and number filters of the templates', () => {
  const text =
    '{{ systems | plural: "Ein System war", "# Systeme waren", "Kein System war" }} betroffen, ' +
    'bei {{ targets | plural: "einem in der Anordnung genannten Ziel", "# in der Anordnung genannten Zielen" }}. ' +
    '{{ hours | number }}';
  const r = renderer({
    'probe.de.md.liquid': text,
    'probe.en.md.liquid':
      '{{ systems | plural: "One system was", "# systems were" }} affected, ' +
      'for {{ targets | plural: "one item", "# items" }} named. {{ hours | number }}',
  });

  it('writes German as a lawyer would, in the singular and the plural', () => {
    expect(r.render('probe.de.md.liquid', { systems: 1, targets: 1, hours: 4357.5 })).toBe(
      'Ein System war betroffen, bei einem in der Anordnung genannten Ziel. 4.357,5',
    );
    expect(r.render('probe.de.md.liquid', { systems: 3, targets: 2, hours: 2 })).toBe(
      '3 Systeme waren betroffen, bei 2 in der Anordnung genannten Zielen. 2',
    );
    expect(r.render('probe.de.md.liquid', { systems: 0, targets: 2, hours: 0 })).toMatch(
      /^Kein System war betroffen/,
    );
  });

  it('writes English in the singular and the plural, with English digits', () => {
    expect(r.render('probe.en.md.liquid', { systems: 1, targets: 1, hours: 4357.5 })).toBe(
      'One system was affected, for one item named. 4,357.5',
    );
    expect(r.render('probe.en.md.liquid', { systems: 12, targets: 3, hours: 1 })).toBe(
      '12 systems were affected, for 3 items named. 1',
    );
  });

  it('refuses a plural without its forms, naming the template', () => {
    const bad = renderer({ 'bad.en.md.liquid': '{{ 2 | plural: "one" }}' });
    expect(() => bad.render('bad.en.md.liquid', {})).toThrow(/bad\.en\.md\.liquid/);
  });
});
