import { DATA_CATEGORIES, DEFECT_OUTCOMES, REQUEST_DEFECTS } from '../domain/vocabulary.js';
import type { CountsPolicy } from '../config/report.settings.js';
import { label } from '../i18n/labels.js';
import type { Language } from '../i18n/languages.js';
import { DIMENSION_TEXTS, type DimensionKey } from '../i18n/report-dimension-texts.js';
import { minCasesForStatistics, publishCount, publishShare, type Figure } from './banding.js';
import type { ReportPeriod } from './period.js';
import type { ReportRow, ReportSection, ReportUnit } from './report.model.js';
import type { YearRow } from './report-dimensions.repository.js';
import type { FigureRow } from './reports.repository.js';
import { dateTimeFormat } from '../i18n/intl-cache.js';

const TREND_MEASURES = [
  'requests',
  'produced',
  'no_data',
  'refused',
  'defective',
  'emergency',
] as const;

/** The calendar year (in `timeZone`) of an instant. */
function yearOf(at: Date, timeZone: string): number {
  return Number(dateTimeFormat('en', { year: 'numeric', timeZone }).format(at));
}

/** The calendar years a period touches, when it spans more than one; otherwise none. */
export function trendYears(period: ReportPeriod, timeZone: string): number[] {
  const first = yearOf(period.from, timeZone);
  const last = yearOf(new Date(period.to.getTime() - 1), timeZone);
  if (last <= first) return [];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The report's dimensions beyond the classic counts, each a section with its definition: defective
 * or unlawful requests and what became of them, emergency requests, what we answered, data asked
 * for and handed over per kind, notification rate and median delay, and (for a period of several
 * years) the main figures year by year. Every figure is computed from the records and published on
 * its own under `policy` (banding.ts); the rows are fixed, so that a row's presence says nothing.
 */
export function composeDimensions(
  period: ReportPeriod,
  rows: FigureRow[],
  years: YearRow[],
  policy: CountsPolicy,
  language: Language,
  timeZone: string,
): ReportSection[] {
  const texts = DIMENSION_TEXTS[language];
  const exact = new Map<string, number>();
  for (const r of rows) exact.set(`${r.section}\u0000${r.key}`, r.n);
  const n = (section: DimensionKey, key: string) => exact.get(`${section}\u0000${key}`) ?? 0;
  const row = (
    section: DimensionKey,
    key: string,
    rowLabel = texts.sections[section].rows[key] ?? key,
    figure: Figure = publishCount(n(section, key), policy),
    unit: ReportUnit = 'requests',
  ): ReportRow => ({ key, label: rowLabel, unit, ...figure });
  const section = (key: DimensionKey, sectionRows: ReportRow[]): ReportSection => ({
    key,
    title: texts.sections[key].title,
    explanation: texts.sections[key].explanation,
    rows: sectionRows,
  });

  const required = n('notification', 'required');
  const notified = n('notification', 'notified');
  const requiredFigure = publishCount(required, policy);
  const notifiedFigure = publishCount(notified, policy);
  const median = exact.get(`notification\u0000median_delay_days`);
  const medianShown =
    median !== undefined && notified >= minCasesForStatistics(policy)
      ? Math.round(median * 10) / 10
      : null;

  const sections: ReportSection[] = [
    section('defects', [
      row('defects', 'defective'),
      ...REQUEST_DEFECTS.map((d) => row('defects', d)),
      ...DEFECT_OUTCOMES.map((o) => row('defects', `outcome:${o}`)),
    ]),
    section('emergency', [row('emergency', 'emergency'), row('emergency', 'emergency_produced')]),
    section(
      'response_kind',
      [
        'content',
        'non_content',
        'produced_not_recorded',
        'no_data',
        'refused',
        'withdrawn',
        'pending',
      ].map((k) => row('response_kind', k)),
    ),
    section(
      'data_categories',
      DATA_CATEGORIES.flatMap((c) => {
        const name = capitalised(label('data_category', c, language));
        return [
          row('data_categories', `${c}:requested`, texts.requested(name)),
          row('data_categories', `${c}:released`, texts.released(name)),
        ];
      }),
    ),
    section('notification', [
      row('notification', 'required', undefined, requiredFigure),
      row('notification', 'notified', undefined, notifiedFigure),
      row(
        'notification',
        'notified_share',
        undefined,
        publishShare(
          { exact: notified, published: notifiedFigure },
          { exact: required, published: requiredFigure },
          policy,
        ),
        'percent',
      ),
      row(
        'notification',
        'median_delay_days',
        undefined,
        { value: medianShown, low: medianShown, high: medianShown },
        'days',
      ),
    ]),
  ];

  const span = trendYears(period, timeZone);
  if (span.length) {
    const byYear = new Map(years.map((y) => [y.year, y]));
    sections.push(
      section(
        'trends',
        TREND_MEASURES.flatMap((m) =>
          span.map((year) =>
            row(
              'trends',
              `${year}:${m}`,
              `${year}: ${texts.sections.trends.rows[m]}`,
              publishCount(byYear.get(year)?.[m] ?? 0, policy),
            ),
          ),
        ),
      ),
    );
  }
  return sections;
}
