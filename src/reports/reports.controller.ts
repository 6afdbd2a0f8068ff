import { Controller, Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import {
  ReportScopeQuery,
  TransparencyReportDto,
  TransparencyReportQuery,
} from './dto/report.dto.js';
import { periodFromQuery } from './period.js';
import { REPORT_CONFIG } from '../config/config.module.js';
import { type ReportConfig } from '../config/report.settings.js';
import { ReportsService } from './reports.service.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';

const CSV = 'text/csv; charset=utf-8';

function csvReply(reply: FastifyReply, filename: string) {
  void reply.header('content-type', CSV);
  void reply.header('content-disposition', `attachment; filename="${filename}"`);
}

/**
 * Transparency reports as data: an internal preview for now (cases.read). Public, published
 * reports will be immutable snapshots of these; this route computes the figures afresh on each call.
 */
@ApiTags('reports')
@ApiExtraModels(TransparencyReportDto)
@Controller('reports/transparency')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    @Inject(REPORT_CONFIG) private readonly config: ReportConfig,
  ) {}

  @Get()
  @Allow('reports.generate')
  @ApiOperation({
    summary: 'Transparency report for a period, as JSON or CSV (small counts banded as configured)',
    description:
      'Counts the requests received in the period: by type, legal basis, authority, country, outcome, accounts, ' +
      'systems and downtime, gag orders and user notification, each with a short explanation; measures by type, ' +
      'where a case counts once for each type of measure it holds. With unit, only the cases of that unit of the ' +
      'organisation and the units below it (404 for an unknown unit). Cases under a gag ' +
      'order in force or a publication embargo are left out (and not counted as withheld); counts are banded as ' +
      'REPORT_COUNTS says. Give the period as year=2015, half=2015-H1, or from and to (midnight with an offset). ' +
      'CSV: one row per figure (section, key, label, unit, value, low, high), RFC 4180, UTF-8. PDF: the ' +
      'printed report (marked as a draft; publish it under /publications/reports), with charts, explanations and ' +
      'the signed audit checkpoint, streamed. Each call is recorded in the audit trail.',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({
    description: 'The report.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(TransparencyReportDto) } },
      'text/csv': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 404)
  async transparency(
    @CurrentActor() actor: Actor,
    @Query() query: TransparencyReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const period = periodFromQuery(query, this.config.timeZone);
    const format = query.format ?? 'json';
    if (format === 'pdf') {
      const pdf = await this.reports.transparencyPdf(
        actor,
        period,
        query.lang ?? 'en',
        query.unit ?? null,
      );
      void reply.header('cache-control', 'no-store');
      return new StreamableFile(pdf, {
        type: 'application/pdf',
        disposition: `inline; filename="transparency-report-${period.label}-draft.pdf"`,
      });
    }
    const result = await this.reports.exportTransparency(
      actor,
      period,
      format,
      query.lang ?? 'en',
      query.unit ?? null,
    );
    void reply.header('cache-control', 'no-store');
    if (format === 'csv') csvReply(reply, `transparency-report-${period.label}.csv`);
    return result;
  }

  @Get('dsa-orders.csv')
  @Allow('reports.generate')
  @ApiOperation({
    summary: 'EU DSA transparency template, member-state orders (sections 1.2.1 and 1.2.2), as CSV',
    description:
      'Part 3 (member_states_orders) of the CSV templates of Implementing Regulation (EU) 2024/2835, column for ' +
      'column: one row per member state and a Total row. Orders to act (request type takedown, with the targets ' +
      'they name as items of information) and orders to provide information (production orders, e-Evidence ' +
      'production orders, European Investigation Orders) from authorities of EU member states, per member state, ' +
      'with the median hours to acknowledge receipt (first authority contact after receipt) and to give effect ' +
      '(first handover of data; for orders to act, the first status change to responded). Same rules for gags, ' +
      'embargoes and small counts as the transparency report; medians of cells too small to publish are left empty.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The CSV.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 404)
  async dsaOrders(
    @CurrentActor() actor: Actor,
    @Query() query: ReportScopeQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const period = periodFromQuery(query, this.config.timeZone);
    const csv = await this.reports.exportDsaOrders(actor, period, query.unit ?? null);
    void reply.header('cache-control', 'no-store');
    csvReply(reply, `dsa-member-state-orders-${period.label}.csv`);
    return csv;
  }
}
