import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bandLabels } from '../../src/reports/banding.js';
import { periodFromQuery } from '../../src/reports/period.js';
import { DEFAULT_BANDS, type CountsPolicy } from '../../src/config/report.settings.js';
import { composeReport } from '../../src/reports/report-composition.js';
import { periodTitle, reportDocument, reportModel } from '../../src/reports/report-document.js';
import type { Language } from '../../src/i18n/languages.js';
import { SECTION_KEYS } from '../../src/i18n/report-texts.js';
import type { FigureRow, ReportQuery } from '../../src/reports/reports.repository.js';
import type { TransparencyReport } from '../../src/reports/report.model.js';

const bands: CountsPolicy = { mode: 'bands', bands: DEFAULT_BANDS };
const exact: CountsPolicy = { mode: 'exact' };
const period = periodFromQuery({ year: '2015' }, 'UTC');
const query: ReportQuery = {
  from: period.from,
  to: period.to,
  now: new Date('2016-02-01T09:00:00Z'),
  homeCountry: 'DE',
  includeRestricted: true,
  unitId: null,
  foldBelow: 10,
};
const fig = (section: string, key: string, n: number, label: string | null = null): FigureRow => ({
  section,
  key,
  label,
  n,
});

/** Figures as the SQL returns them for a year with 37 requests. */
const ROWS: FigureRow[] = [
  fig('totals', 'requests', 37),
  fig('request_type', 'server_seizure', 3),
  fig('request_type', 'production_subscriber_data', 34),
  fig('legal_basis', 'de:stpo §95', 25, 'StPO §95 (de)'),
  fig('legal_basis', 'de:stpo §94', 12, 'StPO §94 (de)'),
  fig('legal_basis', 'other', 4),
  fig('legal_basis', 'not_recorded', 0),
  fig('authority_kind', 'police', 30),
  fig('authority_kind', 'court', 7),
  fig('origin', 'domestic', 31),
  fig('origin', 'foreign', 6),
  fig('country', 'DE', 31),
  fig('country', 'AT', 4),
  fig('country', 'US', 2),
  fig('outcome', 'some_data_produced', 12),
  fig('outcome', 'produced_in_full', 10),
  fig('outcome', 'produced_in_part', 2),
  fig('outcome', 'none_no_data', 20),
  fig('outcome', 'challenged', 1),
  fig('accounts', 'accounts_affected', 250),
  fig('systems', 'systems_affected', 2),
  fig('systems', 'cases_with_downtime', 1),
  fig('systems', 'downtime_hours', 0.4),
];

const compose = (policy: CountsPolicy, language: Language = 'en', rows = ROWS) =>
  composeReport(
    period,
    { ...query, foldBelow: policy.mode === 'exact' ? 0 : 10 },
    policy,
    language,
    rows,
  );
const rowsOf = (report: TransparencyReport, section: string) =>
  report.sections.find((s) => s.key === section)?.rows ?? [];
const value = (report: TransparencyReport, section: string, key: string) =>
  rowsOf(report, section).find((r) => r.key === key)?.value;

describe('composing the transparency report', () => {
  it('has every section in order, with the titles, rule and withheld note of its language', () => {
    const en = compose(bands);
    const de = compose(bands, 'de');
    expect(en.sections.map((s) => s.key)).toEqual([...SECTION_KEYS]);
    expect([en.title, de.title]).toEqual(['Transparency report', 'Transparenzbericht']);
    expect(de.sections[0].title).toBe('Anfragen');
    expect(de.withheld.note).toMatch(/Schweigeanordnung/);
    expect(en.withheld).toMatchObject({ numberPublished: false });
    expect(en.counts).toMatchObject({ mode: 'bands', smallValuesCombinedBelow: 10 });
    expect(en.counts.rule).toMatch(/fewer than 10 requests/);
    expect(en.period).toEqual({
      from: '2015-01-01T00:00:00.000Z',
      to: '2016-01-01T00:00:00.000Z',
      label: '2015',
    });
    expect(en.generatedAt).toBe('2016-02-01T09:00:00.000Z');
  });

  it('bands every figure on its own; a figure missing from the SQL is 0', () => {
    const r = compose(bands);
    expect(value(r, 'totals', 'requests')).toBe('10-49');
    expect(value(r, 'request_type', 'server_seizure')).toBe('1-9');
    expect(value(r, 'request_type', 'production_subscriber_data')).toBe('10-49');
    expect(value(r, 'request_type', 'takedown')).toBe('0');
    expect(value(r, 'outcome', 'some_data_produced')).toBe('10-49');
    expect(value(r, 'outcome', 'some_data_produced_share')).toBe('20.4-100');
    expect(value(r, 'accounts', 'accounts_affected')).toBe('250-499');
    // Less than an hour of downtime is not "0".
    expect(value(r, 'systems', 'downtime_hours')).toBe('1-9');
    expect(rowsOf(r, 'systems').map((x) => x.unit)).toEqual([
      'systems',
      'requests',
      'hours',
      'requests',
      'requests',
    ]);
  });

  it('shows exact figures as numbers, without "other" rows', () => {
    const r = compose(exact);
    expect(value(r, 'totals', 'requests')).toBe(37);
    expect(value(r, 'outcome', 'some_data_produced_share')).toBe(32.4);
    expect(value(r, 'systems', 'downtime_hours')).toBe(0.4);
    expect(rowsOf(r, 'country').map((x) => [x.key, x.value])).toEqual([
      ['DE', 31],
      ['AT', 4],
      ['US', 2],
    ]);
    expect(rowsOf(r, 'legal_basis').map((x) => x.key)).toEqual([
      'de:stpo §95',
      'de:stpo §94',
      'not_stated',
      'not_recorded',
    ]);
  });

  it('combines countries below the fold into "other" from their exact counts, and names the rest', () => {
    const r = compose(bands, 'de');
    expect(rowsOf(r, 'country').map((x) => [x.key, x.label, x.value])).toEqual([
      ['DE', 'Deutschland', '10-49'],
      ['other', 'Andere Staaten (jeweils mit wenigen Anfragen)', '1-9'],
    ]);
    // 9 + 9 cases in small countries: "other" holds 18, not two times "1-9".
    const more = compose(bands, 'en', [
      ...ROWS.filter((x) => x.section !== 'country'),
      fig('country', 'AT', 9),
      fig('country', 'FR', 9),
    ]);
    expect(rowsOf(more, 'country').map((x) => [x.key, x.value])).toEqual([['other', '10-49']]);
    // A country with as many requests as the fold is named.
    const atFold = compose(bands, 'en', [
      ...ROWS.filter((x) => x.section !== 'country'),
      fig('country', 'FR', 10),
    ]);
    expect(rowsOf(atFold, 'country').map((x) => [x.label, x.value])).toEqual([
      ['France', '10-49'],
      ['Other countries (each with few requests)', '0'],
    ]);
  });

  it('orders citations by their published size, then by label, and keeps "other" and "not recorded" last', () => {
    const rows = [
      ...ROWS.filter((x) => x.section !== 'legal_basis'),
      fig('legal_basis', 'de:b', 12, 'B'),
      fig('legal_basis', 'de:a', 49, 'A'),
      fig('legal_basis', 'de:c', 50, 'C'),
    ];
    expect(
      rowsOf(compose(bands, 'en', rows), 'legal_basis').map((x) => [x.label, x.value]),
    ).toEqual([
      ['C', '50-99'],
      ['A', '10-49'],
      ['B', '10-49'],
      ['Other provisions (each cited in few requests)', '0'],
      ['No provision named', '0'],
      ['No legal basis recorded', '0'],
    ]);
  });

  it('never publishes an exact number when figures are banded, whatever the SQL returned', () => {
    const labels = new Set(bandLabels(DEFAULT_BANDS));
    fc.assert(
      fc.property(
        fc.array(fc.nat(2000), { minLength: ROWS.length, maxLength: ROWS.length }),
        (ns) => {
          const report = compose(
            bands,
            'en',
            ROWS.map((r, i) => ({ ...r, n: ns[i] })),
          );
          return report.sections.every((s) =>
            s.rows.every((row) =>
              row.unit === 'percent'
                ? row.value === null || typeof row.value === 'string'
                : labels.has(row.value as string),
            ),
          );
        },
      ),
    );
  });
});

describe('the report document', () => {
  const report = (label: string, from: string, to: string, language: Language = 'en') =>
    ({ ...compose(bands, language), period: { label, from, to } }) as TransparencyReport;

  it.each([
    ['2015', '2015-01-01T00:00:00Z', '2016-01-01T00:00:00Z', 'en', '2015'],
    ['2015-H1', '2015-01-01T00:00:00Z', '2015-07-01T00:00:00Z', 'en', 'First half of 2015'],
    ['2015-H2', '2015-07-01T00:00:00Z', '2016-01-01T00:00:00Z', 'de', '2. Halbjahr 2015'],
    ['2011-01-01--2021-01-01', '2011-01-01T00:00:00Z', '2021-01-01T00:00:00Z', 'en', '2011–2020'],
    [
      '2015-03-01--2015-06-01',
      '2015-03-01T00:00:00Z',
      '2015-06-01T00:00:00Z',
      'en',
      '1 March 2015 – 31 May 2015',
    ],
    [
      '2015-03-01--2015-06-01',
      '2015-03-01T00:00:00Z',
      '2015-06-01T00:00:00Z',
      'de',
      '1. März 2015 – 31. Mai 2015',
    ],
  ] as const)('titles the period %s in %s', (label, from, to, language, title) => {
    expect(periodTitle(report(label, from, to, language), 'UTC')).toBe(title);
  });

  const edition = { revision: 1, publishedAt: null, replaces: null, revisionNote: null };

  it('shows figures in the language’s number format, with the highlights of the front page', () => {
    const de = reportModel(compose(exact, 'de'), null, edition, 'UTC');
    expect(de.highlights).toMatchObject({
      requests: '37',
      someDataProducedShare: '32,4\u00a0%',
      accountsAffected: '250',
      downtimeHours: '0,4',
      gagOrders: '0',
    });
    expect(de.report).toMatchObject({
      from: '1. Januar 2015',
      until: '31. Dezember 2015',
      banded: false,
    });
    expect(de.document).toMatchObject({ draft: true, revised: false, publishedOn: null });
    const en = reportModel(compose(bands), null, edition, 'UTC');
    expect(en.highlights.someDataProducedShare).toBe('20.4% – 100%');
    expect(en.report.banded).toBe(true);
  });

  it('charts only the charted sections, and leaves rows that can only be zero out of charts', () => {
    const model = reportModel(compose(bands), null, edition, 'UTC');
    expect(model.sections.filter((s) => s.chart).map((s) => s.key)).toEqual([
      'request_type',
      'authority_kind',
      'origin',
      'outcome',
    ]);
    const types = model.sections.find((s) => s.key === 'request_type')?.rows ?? [];
    expect(types.find((r) => r.key === 'takedown')).toMatchObject({ shown: '0', charted: false });
    expect(types.find((r) => r.key === 'server_seizure')).toMatchObject({
      shown: '1–9',
      charted: true,
    });
  });

  it('says in the header whether it is a draft, published or revised', () => {
    const status = (
      e:
        | typeof edition
        | { revision: number; publishedAt: Date; replaces: null; revisionNote: null },
      language: Language,
    ) =>
      reportDocument(compose(bands, language), null, e, 'UTC', 'Example e.V.').frame.header.right;
    const published = {
      revision: 1,
      publishedAt: new Date('2016-02-01T00:00:00Z'),
      replaces: null,
      revisionNote: null,
    };
    expect(status(edition, 'en')).toBe('Transparency report 2015 · Draft, not published');
    expect(status(published, 'de')).toBe('Transparenzbericht 2015 · Veröffentlicht');
    expect(status({ ...published, revision: 3 }, 'en')).toBe(
      'Transparency report 2015 · Revised version, revision 3',
    );
  });
});
