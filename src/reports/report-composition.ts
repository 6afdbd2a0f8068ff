import { AUTHORITY_KINDS, REQUEST_TYPES } from '../domain/vocabulary.js';
import {
  describePolicy,
  foldBelow,
  publishAmount,
  publishCount,
  publishShare,
  type Figure,
} from './banding.js';
import type { ReportPeriod } from './period.js';
import type { ReportRow, ReportUnit, TransparencyReport } from './report.model.js';
import type { FigureRow, ReportQuery } from './reports.repository.js';
import type { CountsPolicy } from '../config/report.settings.js';
import { countryName } from '../i18n/countries.js';
import type { Language } from '../i18n/languages.js';
import { REPORT_TEXTS, SECTION_KEYS, type SectionKey } from '../i18n/report-texts.js';
import { DIMENSION_TEXTS } from '../i18n/report-dimension-texts.js';

/** Larger published figures first, then by label: the order says nothing the bands do not. */
function byPublishedSize(a: ReportRow, b: ReportRow) {
  return (b.low ?? 0) - (a.low ?? 0) || a.label.localeCompare(b.label);
}

/**
 * The transparency report from the figures of the SQL: every figure banded on its own (banding.ts),
 * small citations and countries combined into "other", rows and texts in the report's language.
 */
export function composeReport(
  period: ReportPeriod,
  query: ReportQuery,
  policy: CountsPolicy,
  language: Language,
  rows: FigureRow[],
  countsReason?: string,
): TransparencyReport {
  const texts = REPORT_TEXTS[language];
  const exact = new Map<string, number>();
  for (const r of rows) exact.set(`${r.section}\u0000${r.key}`, r.n);
  const n = (section: SectionKey, key: string) => exact.get(`${section}\u0000${key}`) ?? 0;
  const label = (section: SectionKey, key: string) => texts.sections[section].rows[key] ?? key;
  const row = (
    section: SectionKey,
    key: string,
    unit: ReportUnit = 'requests',
    figure?: Figure,
  ): ReportRow => ({
    key,
    label: label(section, key),
    unit,
    ...(figure ?? publishCount(n(section, key), policy)),
  });
  const fold = foldBelow(policy);

  const total = n('totals', 'requests');
  const produced = n('outcome', 'some_data_produced');
  const producedFigure = publishCount(produced, policy);
  const share = publishShare(
    { exact: produced, published: producedFigure },
    { exact: total, published: publishCount(total, policy) },
    policy,
  );

  // Citations: the SQL has already combined those of fewer than `fold` cases into "other".
  const citations = rows
    .filter(
      (r) =>
        r.section === 'legal_basis' && !['other', 'not_stated', 'not_recorded'].includes(r.key),
    )
    .map((r): ReportRow => ({
      key: r.key,
      label: r.label ?? r.key,
      unit: 'requests',
      ...publishCount(r.n, policy),
    }))
    .sort(byPublishedSize);
  // Countries: one per case, so the small ones can be added up here.
  const countries = rows.filter((r) => r.section === 'country');
  const shown = countries.filter((r) => r.n >= fold);
  const otherCountries = countries.filter((r) => r.n < fold).reduce((sum, r) => sum + r.n, 0);

  const sections: Record<SectionKey, ReportRow[]> = {
    totals: [row('totals', 'requests')],
    request_type: REQUEST_TYPES.map((t) => row('request_type', t)),
    measure_type: REQUEST_TYPES.map((t) => row('measure_type', t)),
    legal_basis: [
      ...citations,
      ...(policy.mode === 'exact' ? [] : [row('legal_basis', 'other')]),
      row('legal_basis', 'not_stated'),
      row('legal_basis', 'not_recorded'),
    ],
    authority_kind: [...AUTHORITY_KINDS, 'not_recorded'].map((k) => row('authority_kind', k)),
    origin: ['domestic', 'foreign', 'not_recorded', 'mutual_legal_assistance'].map((k) =>
      row('origin', k),
    ),
    country: [
      ...shown
        .map((r): ReportRow => ({
          key: r.key,
          label: countryName(r.key, language),
          unit: 'requests',
          ...publishCount(r.n, policy),
        }))
        .sort(byPublishedSize),
      ...(policy.mode === 'exact'
        ? []
        : [
            {
              key: 'other',
              label: label('country', 'other'),
              unit: 'requests' as const,
              ...publishCount(otherCountries, policy),
            },
          ]),
    ],
    outcome: [
      { ...row('outcome', 'some_data_produced'), ...producedFigure },
      row('outcome', 'some_data_produced_share', 'percent', share),
      ...[
        'produced_in_full',
        'produced_in_part',
        'none_no_data',
        'none_refused',
        'withdrawn',
        'pending',
        'challenged',
      ].map((k) => row('outcome', k)),
    ],
    accounts: [row('accounts', 'accounts_affected', 'accounts')],
    systems: [
      row('systems', 'systems_affected', 'systems'),
      row('systems', 'cases_with_downtime'),
      {
        ...row(
          'systems',
          'downtime_hours',
          'hours',
          publishAmount(n('systems', 'downtime_hours'), policy),
        ),
        // A sum of lower bounds is a lower bound, and a sum of estimates an estimate: the label
        // says so when any end is unknown or any time is known only to the hour, day or roughly.
        ...(() => {
          const lower = n('systems', 'downtime_lower_bound') > 0;
          const rough = n('systems', 'downtime_approximate') > 0;
          if (lower && rough) return { label: label('systems', 'downtime_hours_at_least_approx') };
          if (lower) return { label: label('systems', 'downtime_hours_at_least') };
          if (rough) return { label: label('systems', 'downtime_hours_approx') };
          return {};
        })(),
      },
      row('systems', 'downtime_lower_bound'),
      row('systems', 'downtime_approximate'),
    ],
    gag_orders: ['cases_with_gag', 'lifted', 'expired'].map((k) => row('gag_orders', k)),
    user_notification: ['required', 'notified', 'pending', 'not_required', 'not_recorded'].map(
      (k) => row('user_notification', k),
    ),
  };

  return {
    kind: 'transparency_report',
    title: texts.title,
    language,
    period: { from: period.from.toISOString(), to: period.to.toISOString(), label: period.label },
    generatedAt: query.now.toISOString(),
    homeCountry: query.homeCountry,
    unit: null,
    counts: {
      ...describePolicy(policy),
      rule: texts.counts(policy, fold),
      reason: countsReason ?? DIMENSION_TEXTS[language].countsReason[policy.mode],
    },
    withheld: { numberPublished: false, note: texts.withheld },
    sections: SECTION_KEYS.map((key) => ({
      key,
      title: texts.sections[key].title,
      explanation: texts.sections[key].explanation,
      rows: sections[key],
    })),
  };
}
