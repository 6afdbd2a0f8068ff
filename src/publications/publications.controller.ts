import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Allow } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { periodFromQuery } from '../reports/period.js';
import { REPORT_CONFIG } from '../config/config.module.js';
import { type ReportConfig } from '../config/report.settings.js';
import {
  CaseStatementsQuery,
  PublicationDto,
  PublicationListDto,
  PublishReportDto,
  StatementDraftDto,
} from './dto/publication.dto.js';
import { supersededIds, toPublicationDto } from './publication.mapper.js';
import { PublicationsService } from './publications.service.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';

@ApiTags('publications')
@Controller('publications')
export class PublicationsController {
  constructor(
    private readonly publications: PublicationsService,
    @Inject(REPORT_CONFIG) private readonly reportConfig: ReportConfig,
  ) {}

  @Post('statements/preview')
  @HttpCode(200)
  @Allow('publications.publish')
  @ApiOperation({
    summary: 'Preview a statement as PDF (marked as a draft; nothing is stored or published)',
    description: 'Same body as publishing. Recorded in the audit trail as a generated document.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The draft PDF.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404, 409, 422)
  async preview(@CurrentActor() actor: Actor, @Body() body: StatementDraftDto) {
    const pdf = await this.publications.previewStatement(actor, body);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: 'inline; filename="statement-draft.pdf"',
    });
  }

  @Get('statements')
  @Allow('cases.read')
  @ApiOperation({
    summary: "A case's published statements: every revision, by language, newest first",
    description:
      '`superseded` marks revisions that a later one replaces. Listed even while the public does not see them ' +
      '(a gag order or an embargo in force). 404 for a case the caller may not see.',
  })
  @ApiOkResponse({ type: PublicationListDto })
  @ApiProblems(400, 404)
  async statements(@CurrentActor() actor: Actor, @Query() query: CaseStatementsQuery) {
    const rows = await this.publications.statementsOf(actor, query.caseId);
    const superseded = supersededIds(rows);
    return { items: rows.map((r) => toPublicationDto(r, superseded.has(r.id))) };
  }

  @Post('statements')
  @Allow('publications.publish')
  @ApiOperation({
    summary: 'Publish a statement on a case: an immutable PDF, JSON and CSV, public at once',
    description:
      'Only the sections listed in `sections` appear, in every format. Publishing again for the same case and ' +
      'language adds a revision, marked as revised; earlier revisions stay listed. 409 while the case is under a ' +
      'gag order in force or a publication embargo. Restricted cases: members only, as for reading them. ' +
      '`fileIds`: redacted copies of the case’s files published with it (an original is refused, 400; a file of ' +
      'another case or none, 422); anyone downloads them from the public route while the statement is public.',
  })
  @ApiCreatedResponse({ type: PublicationDto })
  @ApiProblems(400, 404, 409, 422)
  async publishStatement(@CurrentActor() actor: Actor, @Body() body: StatementDraftDto) {
    return toPublicationDto(await this.publications.publishStatement(actor, body));
  }

  @Post('reports')
  @Allow('publications.publish')
  @ApiOperation({
    summary:
      'Publish the transparency report of a period: an immutable PDF, JSON and CSV, public at once',
    description:
      'The period as for GET /reports/transparency: year, half, or from and to. Publishing the same period and ' +
      'language again adds a revision marked as revised (e.g. after a gag was lifted and the case now counts); ' +
      '409 when the figures are the same as in the latest revision.',
  })
  @ApiCreatedResponse({ type: PublicationDto })
  @ApiProblems(400, 409)
  async publishReport(@CurrentActor() actor: Actor, @Body() body: PublishReportDto) {
    const period = periodFromQuery(body, this.reportConfig.timeZone);
    return toPublicationDto(
      await this.publications.publishReport(actor, {
        period,
        language: body.language,
        revisionNote: body.revisionNote,
        counts: body.counts,
        countsReason: body.countsReason,
      }),
    );
  }
}
