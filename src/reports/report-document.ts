import type { CheckpointDto } from '../audit/dto/audit.dto.js';
import type { DocumentRequest } from '../documents/document-renderer.js';
import { formatDate, formatDateTime } from '../i18n/format.js';
import { formatBand, formatPercentRange } from '../i18n/plural.js';
import type { Language } from '../i18n/languages.js';
import type { SectionKey } from '../i18n/report-texts.js';
import { DIMENSION_TEXTS, type DimensionKey } from '../i18n/report-dimension-texts.js';
import type { ReportRow, TransparencyReport } from './report.model.js';

/** Sections drawn as a bar chart as well as a table. */
const CHARTED: readonly (SectionKey | DimensionKey)[] = [
  'request_type',
  'authority_kind',
  'origin',
  'outcome',
  'response_kind',
];

/** How a published edition of a report is described in it (null fields for a preview). */
export interface ReportEdition {
  revision: number;
  publishedAt: Date | null;
  /** The revision this one replaces, when it is a revision. */
  replaces: { revision: number; publishedAt: Date } | null;
  revisionNote: string | null;
}

/** "2015", "1. Halbjahr 2015", "2011–2020", or "1 March 2015 – 31 May 2015" (the last day included). */
export function periodTitle(report: TransparencyReport, timeZone: string): string {
  const { label, from, to } = report.period;
  const en = report.language === 'en';
  if (/^\d{4}$/.test(label)) return label;
  const half = /^(\d{4})-H([12])$/.exec(label);
  if (half)
    return en
      ? `${half[2] === '1' ? 'First' : 'Second'} half of ${half[1]}`
      : `${half[2]}. Halbjahr ${half[1]}`;
  const lastDay = new Date(new Date(to).getTime() - 1);
  const years = /^(\d{4})-01-01--(\d{4})-01-01$/.exec(label);
  if (years) return `${years[1]}–${Number(years[2]) - 1}`;
  return `${formatDate(from, report.language, timeZone)} – ${formatDate(lastDay, report.language, timeZone)}`;
}

/** A published figure as the language writes it: digits, range dash and per cent sign from Intl. */
export function shown(row: ReportRow, language: Language): string {
  if (row.value === null || row.low === null) return '–';
  if (typeof row.value === 'string' && row.value.startsWith('<'))
    return `< ${formatBand((row.high ?? 0) + 1, (row.high ?? 0) + 1, language)}`;
  if (row.unit === 'percent') return formatPercentRange(row.low, row.high ?? 100, language);
  return formatBand(row.low, row.high, language);
}

/**
 * The year-by-year section as a table with the years side by side: one row per measure, one column
 * per year (the JSON and CSV hold the same figures as rows "2015:requests", …). null for a period
 * within one calendar year.
 */
function trendsTable(report: TransparencyReport) {
  const section = report.sections.find((s) => s.key === 'trends');
  if (!section) return null;
  const measures = DIMENSION_TEXTS[report.language].sections.trends.rows;
  const years = [...new Set(section.rows.map((r) => r.key.split(':')[0]))];
  const byKey = new Map(section.rows.map((r) => [r.key, r]));
  return {
    title: section.title,
    explanation: section.explanation,
    years,
    rows: Object.entries(measures).map(([key, measure]) => ({
      label: measure,
      values: years.map((y) => {
        const row = byKey.get(`${y}:${key}`);
        return row ? shown(row, report.language) : '–';
      }),
    })),
  };
}

/** The model of the transparency report's template. */
export function reportModel(
  report: TransparencyReport,
  checkpoint: CheckpointDto | null,
  edition: ReportEdition,
  timeZone: string,
) {
  const language = report.language;
  const find = (section: SectionKey | DimensionKey, key: string) =>
    report.sections.find((s) => s.key === section)?.rows.find((r) => r.key === key);
  const figure = (section: SectionKey | DimensionKey, key: string) => {
    const row = find(section, key);
    return row ? shown(row, language) : '–';
  };
  return {
    document: {
      kind: 'transparency_report' as const,
      language,
      revision: edition.revision,
      revised: edition.revision > 1,
      draft: edition.publishedAt === null,
      publishedOn: edition.publishedAt ? formatDate(edition.publishedAt, language, timeZone) : null,
      replaces: edition.replaces
        ? {
            revision: edition.replaces.revision,
            publishedOn: formatDate(edition.replaces.publishedAt, language, timeZone),
          }
        : null,
      revisionNote: edition.revisionNote,
    },
    report: {
      title: report.title,
      period: periodTitle(report, timeZone),
      from: formatDate(report.period.from, language, timeZone),
      until: formatDate(new Date(new Date(report.period.to).getTime() - 1), language, timeZone),
      generatedAt: formatDateTime(report.generatedAt, language, timeZone),
      countsRule: report.counts.rule,
      countsReason: report.counts.reason,
      countsReasonHeading: DIMENSION_TEXTS[language].countsReasonHeading,
      banded: report.counts.mode !== 'exact',
      withheld: report.withheld.note,
      /** The unit the report is limited to, from the top down ("Bundesverband › Landesverband NRW"); null: all. */
      unit: report.unit ? report.unit.path.join(' › ') : null,
    },
    highlights: {
      requests: figure('totals', 'requests'),
      someDataProducedShare: figure('outcome', 'some_data_produced_share'),
      noDataExisted: figure('outcome', 'none_no_data'),
      refused: figure('outcome', 'none_refused'),
      challenged: figure('outcome', 'challenged'),
      accountsAffected: figure('accounts', 'accounts_affected'),
      systemsAffected: figure('systems', 'systems_affected'),
      downtimeHours: figure('systems', 'downtime_hours'),
      // The section's own label, which says whether the hours are a lower bound, an estimate or both.
      downtimeLabel: find('systems', 'downtime_hours')?.label ?? '',
      downtimeLowerBound: report.sections.some((s) =>
        s.rows.some((r) => r.key === 'downtime_lower_bound' && (r.low ?? 0) > 0),
      ),
      downtimeApproximate: report.sections.some((s) =>
        s.rows.some((r) => r.key === 'downtime_approximate' && (r.low ?? 0) > 0),
      ),
      gagOrders: figure('gag_orders', 'cases_with_gag'),
      usersNotified: figure('user_notification', 'notified'),
      defective: figure('defects', 'defective'),
      emergency: figure('emergency', 'emergency'),
    },
    trends: trendsTable(report),
    sections: report.sections
      .filter((s) => s.key !== 'trends')
      .map((s) => ({
        key: s.key,
        title: s.title,
        explanation: s.explanation,
        chart:
          CHARTED.includes(s.key) && s.rows.some((r) => (r.high ?? 1) > 0 && r.unit !== 'percent'),
        rows: s.rows.map((r) => ({
          key: r.key,
          label: r.label,
          unit: r.unit,
          shown: shown(r, language),
          low: r.low ?? 0,
          high: r.high,
          // rows that cannot be anything but zero are left out of charts
          charted: r.unit !== 'percent' && (r.high === null || r.high > 0),
        })),
      })),
    checkpoint: checkpoint
      ? {
          size: checkpoint.size,
          rootHash: checkpoint.rootHash,
          signedAt: formatDateTime(checkpoint.signedAt, language, timeZone),
          signedAtIso: checkpoint.signedAt,
          keyId: checkpoint.keyId,
          signature: checkpoint.signature,
        }
      : null,
  };
}

/** What the renderer needs for a transparency report PDF. */
export function reportDocument(
  report: TransparencyReport,
  checkpoint: CheckpointDto | null,
  edition: ReportEdition,
  timeZone: string,
  organisation: string,
): DocumentRequest {
  const model = reportModel(report, checkpoint, edition, timeZone);
  const title = `${report.title} ${model.report.period}`;
  const status = edition.publishedAt
    ? edition.revision > 1
      ? report.language === 'de'
        ? `Überarbeitete Fassung, Revision ${edition.revision}`
        : `Revised version, revision ${edition.revision}`
      : report.language === 'de'
        ? 'Veröffentlicht'
        : 'Published'
    : report.language === 'de'
      ? 'Entwurf, nicht veröffentlicht'
      : 'Draft, not published';
  return {
    kind: 'transparency-report',
    language: report.language,
    model,
    timeZone,
    frame: {
      title,
      subject: title,
      keywords: 'transparency report',
      header: { left: organisation, right: `${title} · ${status}` },
      footer: `${title} · ${model.report.countsRule.split('.')[0]}`,
    },
  };
}
