import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, ValidateIf } from 'class-validator';
import { Allow } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { LANGUAGES, type Language } from '../i18n/languages.js';
import { CaseDocumentsService } from './case-documents.service.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';

export class DocumentLanguageQuery {
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en', description: 'Language of the document.' })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(LANGUAGES as unknown as string[], { message: `must be one of: ${LANGUAGES.join(', ')}` })
  lang?: Language;
}

@ApiTags('cases')
@Controller('cases')
export class CaseDocumentsController {
  constructor(private readonly documents: CaseDocumentsService) {}

  @Get(':caseId/case-file.pdf')
  @Allow('cases.read')
  @ApiOperation({
    summary: 'The case file as a PDF, for lawyers',
    description:
      'Everything in the case (authorities, legal bases, targets, affected systems and downtime, disclosures with ' +
      'SHA-256, seized items with disk hashes, timeline, deadlines, gag orders, remedies, and legal notes for roles ' +
      'that may read them) and its audit history with chain hashes. Every page is headed with the case reference ' +
      'and its confidentiality and numbered. Streamed; recorded in the audit trail as a generated document.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404)
  async caseFile(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Query() query: DocumentLanguageQuery,
  ) {
    const { file, pdf } = await this.documents.caseFilePdf(actor, caseId, query.lang ?? 'en');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="case-file-${file.reference}.pdf"`,
    });
  }
}
