import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AuditTrailService } from '../audit/audit-trail.service.js';
import { AuditService } from '../audit/audit.service.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { Clock } from '../common/clock.js';
import { describePolicy, foldBelow, minCasesForStatistics, publishCount } from './banding.js';
import { toCsv } from './csv.js';
import { composeReport } from './report-composition.js';
import { composeDimensions, trendYears } from './report-dimensions.js';
import { ReportDimensionsRepository } from './report-dimensions.repository.js';
import type { DsaOrdersReport, DsaOrdersRow, TransparencyReport } from './report.model.js';
import { reportDocument, type ReportEdition } from './report-document.js';
import type { ReportPeriod } from './period.js';
import {
  DEFAULT_BANDS,
  policyProblem,
  type CountsPolicy,
  type ReportConfig,
} from '../config/report.settings.js';
import { countryName } from '../i18n/countries.js';
import { isoDate, localDateOf } from '../cases/legal-clocks/calendar-time.js';
import { DOCUMENTS_CONFIG, REPORT_CONFIG } from '../config/config.module.js';
import type { DocumentsConfig } from '../config/documents.settings.js';
import { DSA_TEXTS, REPORT_TEXTS } from '../i18n/report-texts.js';
import { type Language } from '../i18n/languages.js';
import { NotFoundError } from '../errors/domain-errors.js';
import { unitPath } from '../units/unit-tree.js';
import { ReportsRepository, type DsaRow, type ReportQuery } from './reports.repository.js';

/** The EU member states, in the EU's protocol order; ISO 3166-1 codes (Greece is GR, not EL). */
export const EU_MEMBER_STATES = [
  'BE',
  'BG',
  'CZ',
  'DK',
  'DE',
  'EE',
  'IE',
  'GR',
  'ES',
  'FR',
  'HR',
  'IT',
  'CY',
  'LV',
  'LT',
  'LU',
  'HU',
  'MT',
  'NL',
  'AT',
  'PL',
  'PT',
  'RO',
  'SI',
  'SK',
  'FI',
  'SE',
] as const;

export interface ReportOptions {
  /** Overrides REPORT_COUNTS for this report. */
  counts?: CountsPolicy;
  /** Why counts are published as they are (printed in the report); default: the standard reason of the mode. */
  countsReason?: string;
  homeCountry?: string;
  language?: Language;
  /** Generation time (default: the clock). Gags and embargoes in force at this time withhold a case. */
  now?: Date;
  /** Count restricted cases under no gag or embargo (default true; see README of the reports). */
  includeRestricted?: boolean;
  /** Run in this transaction instead of one of its own. */
  manager?: EntityManager;
  /** Only cases of this unit of the organisation and the units below it. */
  unitId?: string | null;
}

export type TransparencyFormat = 'json' | 'csv';

/** A report not (yet) published: printed as a draft. */
export const DRAFT_EDITION: ReportEdition = {
  revision: 1,
  publishedAt: null,
  replaces: null,
  revisionNote: null,
};

const TRANSPARENCY_CSV_HEADER = [
  'section',
  'key',
  'label',
  'unit',
  'value',
  'low',
  'high',
] as const;
export const DSA_CSV_HEADER = DSA_TEXTS.header;

/**
 * Transparency reports as data: the figures of a period, aggregated in SQL, passed through the
 * public output rules (cases under a gag or embargo left out; small counts banded) and written
 * as JSON, CSV, or the member-state orders section of the EU DSA transparency template.
 */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(REPORT_CONFIG) private readonly config: ReportConfig,
    @Inject(DOCUMENTS_CONFIG) private readonly documents: DocumentsConfig,
    private readonly repository: ReportsRepository,
    private readonly dimensions: ReportDimensionsRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly auditTrail: AuditTrailService,
    private readonly renderer: DocumentRenderer,
  ) {}

  /** The transparency report for cases received in [period.from, period.to). */
  async transparencyReport(
    period: ReportPeriod,
    options: ReportOptions = {},
  ): Promise<TransparencyReport> {
    const policy = this.policy(options);
    const language = options.language ?? 'en';
    const query = this.query(period, options);
    const [unit, rows, dimensionRows, years] = await this.inTransaction(
      options.manager,
      async (m) =>
        [
          await this.unitOf(m, query.unitId),
          await this.repository.figures(m, query),
          await this.dimensions.figures(m, query),
          trendYears(period, this.config.timeZone).length
            ? await this.dimensions.years(m, query, this.config.timeZone)
            : [],
        ] as const,
    );
    const report = composeReport(period, query, policy, language, rows, options.countsReason);
    report.sections.push(
      ...composeDimensions(period, dimensionRows, years, policy, language, this.config.timeZone),
    );
    return { ...report, unit };
  }

  /** The EU DSA member-state orders section (Implementing Regulation (EU) 2024/2835, 1.2.1 and 1.2.2). */
  async dsaOrders(period: ReportPeriod, options: ReportOptions = {}): Promise<DsaOrdersReport> {
    const policy = this.policy(options);
    const query = this.query(period, options);
    const cells = await this.inTransaction(options.manager, async (m) => {
      await this.unitOf(m, query.unitId);
      return this.repository.dsaOrders(m, query, EU_MEMBER_STATES);
    });
    const minCases = minCasesForStatistics(policy);
    const median = (value: number | null, over: number) =>
      value === null || over < minCases ? null : Math.round(value * 10) / 10;
    const rows: DsaOrdersRow[] = [];
    for (const [orderType, type] of [
      ['orders_to_act', 'act'],
      ['orders_to_provide_information', 'information'],
    ] as const) {
      const section = DSA_TEXTS.sections[orderType];
      for (const memberState of [...EU_MEMBER_STATES, null]) {
        const cell: DsaRow | undefined = cells.find(
          (c) => c.order_type === type && c.member_state === memberState,
        );
        rows.push({
          section: section.number,
          sectionTitle: section.title,
          orderType,
          memberState: memberState ?? 'ALL',
          memberStateName: memberState ? countryName(memberState, 'en') : DSA_TEXTS.totalScope,
          numberOfOrders: publishCount(cell?.n ?? 0, policy),
          numberOfItems: type === 'act' ? publishCount(cell?.n_items ?? 0, policy) : null,
          medianHoursToAcknowledge: median(
            cell?.median_ack_hours ?? null,
            cell?.n_acknowledged ?? 0,
          ),
          medianHoursToGiveEffect: median(cell?.median_effect_hours ?? null, cell?.n_effect ?? 0),
        });
      }
    }
    return {
      kind: 'dsa_member_state_orders',
      period: this.periodOf(period),
      service: this.documents.organisation.name,
      reportingPeriod: [period.from, new Date(period.to.getTime() - 1)]
        .map((at) => isoDate(localDateOf(at, this.config.timeZone)))
        .join('/'),
      generatedAt: query.now.toISOString(),
      counts: describePolicy(policy),
      countsRule: REPORT_TEXTS.en.counts(policy, foldBelow(policy)),
      rows,
    };
  }

  /** One row per figure, report metadata first; see TRANSPARENCY_CSV_HEADER. */
  transparencyCsv(report: TransparencyReport): string {
    const meta: [string, string][] = [
      ['title', report.title],
      ['period_label', report.period.label],
      ['period_from', report.period.from],
      ['period_to', report.period.to],
      ['generated_at', report.generatedAt],
      ['language', report.language],
      ['home_country', report.homeCountry],
      ['counts', report.counts.mode],
      ['counts_rule', report.counts.rule],
      ['withheld', report.withheld.note],
    ];
    return toCsv(TRANSPARENCY_CSV_HEADER, [
      ...meta.map(([key, value]) => ['report', key, null, null, value, null, null]),
      ...report.sections.flatMap((s) =>
        s.rows.map((r) => [s.key, r.key, r.label, r.unit, r.value, r.low, r.high]),
      ),
    ]);
  }

  /**
   * The member-state orders in the template's own layout: one row per member state and one for
   * all of them (`Total`), orders to act and orders to provide information side by side, the
   * contextual information on the total row. See DSA_TEXTS.
   */
  dsaCsv(report: DsaOrdersReport): string {
    const context = DSA_TEXTS.context(report.countsRule);
    const scopes = [...new Set(report.rows.map((r) => r.memberState))];
    const rows = scopes.map((scope) => {
      const act = report.rows.find(
        (r) => r.memberState === scope && r.orderType === 'orders_to_act',
      );
      const info = report.rows.find(
        (r) => r.memberState === scope && r.orderType === 'orders_to_provide_information',
      );
      const total = scope === 'ALL';
      return [
        DSA_TEXTS.applicability,
        report.service,
        report.reportingPeriod,
        null,
        null,
        act?.memberStateName ?? info?.memberStateName,
        act?.numberOfOrders.value,
        act?.numberOfItems?.value,
        act?.medianHoursToAcknowledge,
        act?.medianHoursToGiveEffect,
        info?.numberOfOrders.value,
        info?.medianHoursToAcknowledge,
        info?.medianHoursToGiveEffect,
        ...(total
          ? [
              context.ordersToAct,
              context.itemsToAct,
              context.informAct,
              context.effectAct,
              context.ordersToProvide,
              context.informProvide,
              context.effectProvide,
            ]
          : [null, null, null, null, null, null, null]),
      ];
    });
    return toCsv(DSA_CSV_HEADER, rows);
  }

  /** The transparency report as exported over the API: computed and written to the audit trail in one transaction. */
  async exportTransparency(
    actor: Actor,
    period: ReportPeriod,
    format: TransparencyFormat,
    language: Language,
    unitId: string | null = null,
  ) {
    return this.uow.run(actor, async (manager) => {
      const report = await this.transparencyReport(period, { manager, language, unitId });
      await this.recordExport(manager, period, format, report.counts.mode, unitId);
      return format === 'csv' ? this.transparencyCsv(report) : report;
    });
  }

  /**
   * The report as a PDF (a draft: publishing goes through the publications). The template is
   * rendered before anything is sent, so a broken one is a clean error; the audit record says who
   * generated what. The PDF is streamed: nothing but the page being written is held.
   */
  async transparencyPdf(
    actor: Actor,
    period: ReportPeriod,
    language: Language,
    unitId: string | null = null,
  ): Promise<PDFKit.PDFDocument> {
    const report = await this.transparencyReport(period, { language, unitId });
    const request = await this.reportDocument(report, DRAFT_EDITION);
    const markdown = this.renderer.markdown(request);
    await this.audit.recordStandalone(actor, {
      action: 'document_generated',
      entityType: 'transparency_report',
      entityId: null,
      caseId: null,
      details: {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        format: 'pdf',
        language,
        counts: report.counts.mode,
        ...(unitId ? { unitId } : {}),
      },
    });
    return this.renderer.pdfFromMarkdown(markdown, request);
  }

  /** What the renderer needs for the report's PDF, with the signed audit checkpoint of now. */
  async reportDocument(report: TransparencyReport, edition: ReportEdition) {
    // Sign the trail's current state (if it grew since the last checkpoint), so the report names it.
    const checkpoint = await this.auditTrail.checkpoint();
    return reportDocument(
      report,
      checkpoint,
      edition,
      this.config.timeZone,
      this.renderer.organisation.name,
    );
  }

  /** The DSA section as exported over the API, with its audit record. */
  async exportDsaOrders(
    actor: Actor,
    period: ReportPeriod,
    unitId: string | null = null,
  ): Promise<string> {
    return this.uow.run(actor, async (manager) => {
      const report = await this.dsaOrders(period, { manager, unitId });
      await this.recordExport(manager, period, 'dsa_orders_csv', report.counts.mode, unitId);
      return this.dsaCsv(report);
    });
  }

  private recordExport(
    manager: EntityManager,
    period: ReportPeriod,
    format: string,
    counts: string,
    unitId: string | null = null,
  ) {
    return this.audit.record(manager, {
      action: 'export',
      entityType: 'transparency_report',
      entityId: null,
      caseId: null,
      details: {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        format,
        counts,
        ...(unitId ? { unitId } : {}),
      },
    });
  }

  /**
   * The policy of a report whose board chose exact counts or bands when publishing it: bands are
   * those of REPORT_BANDS (the default bands when REPORT_COUNTS is not `bands`), with every rule of
   * banding.ts.
   */
  countsPolicy(choice: 'exact' | 'bands'): CountsPolicy {
    if (choice === 'exact') return { mode: 'exact' };
    return this.config.counts.mode === 'bands'
      ? this.config.counts
      : { mode: 'bands', bands: DEFAULT_BANDS };
  }

  /** The unit a report is limited to, with its path; 404 when there is no such unit. */
  private async unitOf(manager: EntityManager, unitId: string | null) {
    if (!unitId) return null;
    const path = await unitPath(manager, unitId);
    if (path.length === 0) throw new NotFoundError('unit', unitId);
    return { id: unitId, name: path[path.length - 1], path };
  }

  private policy(options: ReportOptions): CountsPolicy {
    const policy = options.counts ?? this.config.counts;
    const problem = policyProblem(policy);
    if (problem) throw new RangeError(`unusable counts policy: ${problem}`);
    return policy;
  }

  private query(period: ReportPeriod, options: ReportOptions): ReportQuery {
    const policy = this.policy(options);
    return {
      from: period.from,
      to: period.to,
      now: options.now ?? this.clock.now(),
      homeCountry: options.homeCountry ?? this.config.homeCountry,
      includeRestricted: options.includeRestricted ?? true,
      foldBelow: foldBelow(policy),
      unitId: options.unitId ?? null,
    };
  }

  private periodOf(period: ReportPeriod) {
    return { from: period.from.toISOString(), to: period.to.toISOString(), label: period.label };
  }

  /**
   * Report queries run with more sort and hash memory than the default 4 MB, and without JIT
   * compilation: the planner's estimates over CTEs are high enough to trigger it, and compiling
   * cost seconds while the query itself takes a fraction of that. Both only in this transaction.
   */
  private async inTransaction<T>(
    manager: EntityManager | undefined,
    work: (m: EntityManager) => Promise<T>,
  ) {
    const run = async (m: EntityManager) => {
      await m.query(`SET LOCAL work_mem = '64MB'`);
      await m.query(`SET LOCAL jit = off`);
      return work(m);
    };
    return manager ? run(manager) : this.uow.read(run);
  }
}
