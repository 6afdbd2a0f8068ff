import { describe, expect, it } from '@jest/globals';
import { label, type LabelGroup } from '../../src/i18n/labels.js';
import { formatDate, formatDateTime, formatMinutes, formatNumber } from '../../src/i18n/format.js';
import { countryName } from '../../src/i18n/countries.js';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { REPORT_TEXTS } from '../../src/i18n/report-texts.js';
import {
  AUTHORITY_KINDS,
  AUTHORITY_ROLES,
  CASE_STATUSES,
  CHANNELS,
  DATA_CATEGORIES,
  IMPACTS,
  LEGAL_DOCUMENT_TYPES,
  OUTCOMES,
  REQUEST_TYPES,
  TARGET_EXISTENCE,
  TARGET_KINDS,
} from '../../src/domain/vocabulary.js';

/** Every label group with the vocabulary whose codes it names. */
const GROUPS: [LabelGroup, readonly string[]][] = [
  ['authority_role', AUTHORITY_ROLES],
  ['target_kind', TARGET_KINDS],
  ['target_existence', TARGET_EXISTENCE],
  ['data_category', DATA_CATEGORIES],
  ['impact', IMPACTS],
  ['status', CASE_STATUSES],
  ['document_type', LEGAL_DOCUMENT_TYPES],
  ['channel', CHANNELS],
  ['request_type', REQUEST_TYPES],
  ['authority_kind', AUTHORITY_KINDS],
  ['outcome', OUTCOMES],
];

describe('labels in German and English', () => {
  it.each(GROUPS)('names every code of %s in both languages, differently', (group, codes) => {
    for (const code of codes) {
      const en = label(group, code, 'en');
      const de = label(group, code, 'de');
      // A code without an entry comes back as itself with spaces for underscores: never German.
      expect({ code, de }).not.toEqual({ code, de: code.replace(/_/g, ' ') });
      expect(en.length).toBeGreaterThan(0);
      expect(de.length).toBeGreaterThan(0);
      if (!['domain', 'server'].includes(code)) expect({ code, de }).not.toEqual({ code, de: en });
    }
  });

  it('uses the transparency report’s words for request types, authority kinds and outcomes', () => {
    for (const language of LANGUAGES) {
      const sections = REPORT_TEXTS[language].sections;
      expect(label('request_type', 'server_seizure', language)).toBe(
        sections.request_type.rows.server_seizure,
      );
      expect(label('authority_kind', 'prosecutor', language)).toBe(
        sections.authority_kind.rows.prosecutor,
      );
      expect(label('outcome', 'none_no_data', language)).toBe(sections.outcome.rows.none_no_data);
    }
    expect(label('request_type', 'server_seizure', 'de')).toBe('Beschlagnahme von Servern');
    expect(label('impact', 'offline', 'en')).toBe('taken offline');
    expect(label('status', 'under_review', 'de')).toBe('in Prüfung');
  });

  it('prints nothing for no code and an unknown code with spaces', () => {
    expect(label('impact', null, 'en')).toBe('');
    expect(label('impact', undefined, 'de')).toBe('');
    expect(label('channel', 'carrier_pigeon', 'de')).toBe('carrier pigeon');
  });

  it('has the same rows in both languages in every section of the report', () => {
    const { en, de } = REPORT_TEXTS;
    expect(Object.keys(de.sections)).toEqual(Object.keys(en.sections));
    for (const key of Object.keys(en.sections) as (keyof typeof en.sections)[]) {
      expect({ key, rows: Object.keys(de.sections[key].rows) }).toEqual({
        key,
        rows: Object.keys(en.sections[key].rows),
      });
      expect(de.sections[key].title).not.toBe(en.sections[key].title);
    }
  });

  it('states the counting rule with its numbers in both languages', () => {
    for (const language of LANGUAGES) {
      const counts = REPORT_TEXTS[language].counts;
      expect(counts({ mode: 'suppress', k: 5 }, 5)).toMatch(/1 .* 4 .*< 5.*25-29.* 5 /s);
      expect(counts({ mode: 'bands', bands: [0, 1, 10] }, 10)).toContain(' 10 ');
      expect(counts({ mode: 'exact' }, 0)).not.toContain('10');
    }
  });

  it.each([
    ['DE', 'en', 'Germany'],
    ['DE', 'de', 'Deutschland'],
    ['AT', 'de', 'Österreich'],
    ['GR', 'en', 'Greece'],
    ['not a code', 'en', 'not a code'],
  ] as const)('names country %s in %s as %s', (code, language, name) => {
    expect(countryName(code, language)).toBe(name);
  });
});

describe('numbers, durations and dates in German and English', () => {
  it.each([
    [0, '0 min', '0 Min.'],
    [1, '1 min', '1 Min.'],
    [59, '59 min', '59 Min.'],
    [60, '1 h 0 min', '1 Std. 0 Min.'],
    [156, '2 h 36 min', '2 Std. 36 Min.'],
    [1500, '25 h 0 min', '25 Std. 0 Min.'],
    [60_061, '1,001 h 1 min', '1.001 Std. 1 Min.'],
  ])('%i minutes: "%s" / "%s"', (minutes, en, de) => {
    expect(formatMinutes(minutes, 'en')).toBe(en);
    expect(formatMinutes(minutes, 'de')).toBe(de);
  });

  it('groups thousands and writes decimals the way each language does', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(formatNumber(0, 'de')).toBe('0');
  });

  it('writes dates in the document time zone, which decides the day', () => {
    const late = '2015-01-15T23:30:00Z';
    expect(formatDate(late, 'en', 'UTC')).toBe('15 January 2015');
    expect(formatDate(late, 'de', 'UTC')).toBe('15. Januar 2015');
    expect(formatDate(late, 'de', 'Europe/Berlin')).toBe('16. Januar 2015');
    expect(formatDate(new Date(late), 'en', 'America/New_York')).toBe('15 January 2015');
    expect(formatDate(null, 'en', 'UTC')).toBe('');
  });

  it('writes times with the zone they are in, summer time included', () => {
    expect(formatDateTime('2015-01-15T10:12:00Z', 'en', 'Europe/Berlin')).toBe(
      '15 Jan 2015, 11:12 CET',
    );
    expect(formatDateTime('2015-01-15T10:12:00Z', 'de', 'Europe/Berlin')).toBe(
      '15.01.2015, 11:12 MEZ',
    );
    expect(formatDateTime('2015-07-15T10:12:00Z', 'de', 'Europe/Berlin')).toBe(
      '15.07.2015, 12:12 MESZ',
    );
    expect(formatDateTime('2015-07-15T00:05:00Z', 'en', 'UTC')).toBe('15 Jul 2015, 00:05 UTC');
    expect(formatDateTime(null, 'de', 'UTC')).toBe('');
  });
});
