import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsUUID, ValidateIf } from 'class-validator';
import { EnumField, IdField, TextField } from '../../common/validators.js';
import { ReportPeriodQuery } from '../../reports/dto/report.dto.js';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import { FILE_KINDS } from '../../domain/vocabulary.js';
import { PUBLICATION_FORMATS, PUBLICATION_KINDS } from '../publications.repository.js';
import { STATEMENT_SECTIONS, type StatementSection } from '../statement.js';

/** How a published report may give its figures; chosen when publishing. */
export const PUBLISHED_COUNTS = ['exact', 'bands'] as const;
export type PublishedCounts = (typeof PUBLISHED_COUNTS)[number];

/** At most this many redacted copies go with one statement. */
const MAX_ATTACHMENTS = 50;

export class StatementDraftDto {
  @IdField({ description: 'The case the statement is about.' })
  caseId: string;

  @EnumField(LANGUAGES, {
    description: 'Language of the statement; each language is its own series of revisions.',
  })
  language: Language;

  @TextField({
    max: 200,
    description: 'Headline of the statement.',
    example: 'Police take our servers offline over accounts that never existed',
  })
  title: string;

  @TextField({
    max: 20_000,
    description:
      "The organisation's position, as the board writes it. Paragraphs are separated by a blank line.",
  })
  position: string;

  @ApiProperty({
    enum: STATEMENT_SECTIONS,
    isArray: true,
    description:
      'Which facts of the case are publishable in this statement; nothing else of the case appears. summary and ' +
      'timeline are free text written for internal use: read them before marking them. target_identifiers prints ' +
      'the accounts and addresses named, often personal data. Legal notes, remedies, deadlines, gag orders, file ' +
      'numbers and notes are never publishable.',
    example: ['authorities', 'legal_bases', 'targets', 'affected_systems', 'downtime', 'handover'],
  })
  @IsArray({ message: 'must be an array' })
  @ArrayMaxSize(STATEMENT_SECTIONS.length)
  @ArrayUnique({ message: 'must not list a section twice' })
  @IsIn(STATEMENT_SECTIONS as unknown as string[], {
    each: true,
    message: `each value must be one of: ${STATEMENT_SECTIONS.join(', ')}`,
  })
  sections: StatementSection[];

  @TextField({
    required: false,
    max: 1000,
    description: 'For a revision: what changed and why (printed on it).',
  })
  revisionNote?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_ATTACHMENTS,
    description:
      "Redacted copies of the case's files to publish with the statement, in this order (POST " +
      '/cases/{caseId}/files/{fileId}/redacted-copies makes one). Never an original: an original is refused ' +
      '(400), a file of another case or none at all is an unknown reference (422). The statement lists each ' +
      'with name, kind, size and SHA-256, and the public downloads it as long as the statement is public.',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray({ message: 'must be an array' })
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ArrayUnique({ message: 'must not list a file twice' })
  @IsUUID('all', { each: true, message: 'each value must be a UUID' })
  fileIds?: string[];
}

export class PublishReportDto extends ReportPeriodQuery {
  @EnumField(LANGUAGES, {
    description: 'Language of the report; each language is its own series of revisions.',
  })
  language: Language;

  @TextField({
    required: false,
    max: 1000,
    description:
      'For a revision: what changed. Default: that requests withheld under a gag or embargo when the earlier ' +
      'revision was published are now included.',
  })
  revisionNote?: string;

  @EnumField(PUBLISHED_COUNTS, {
    required: false,
    description:
      'How this report gives its figures: `exact` (the counts as they are, as Posteo and mailbox.org publish ' +
      'them; two exact reports can be compared to single out a request) or `bands` (ranges, as ' +
      'national-security rules demand, with every rule against subtraction). Default: REPORT_COUNTS.',
  })
  counts?: PublishedCounts;

  @TextField({
    required: false,
    max: 1000,
    description:
      'Why the figures are given this way, printed in the report. Default: the standard reason of the choice.',
  })
  countsReason?: string;
}

class PublicationFileDto {
  @ApiProperty({ example: '/public/publications/0b6f…/pdf' }) url: string;
  @ApiProperty({ description: 'SHA-256 of the file, hex; also its ETag.' }) sha256: string;
  @ApiProperty() bytes: number;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
}

class PublicationFilesDto {
  @ApiProperty({ type: PublicationFileDto }) pdf: PublicationFileDto;
  @ApiProperty({ type: PublicationFileDto }) json: PublicationFileDto;
  @ApiProperty({ type: PublicationFileDto }) csv: PublicationFileDto;
}

class PublicationAttachmentDto {
  @ApiProperty({ format: 'uuid', description: 'The redacted copy (a file of the case).' })
  fileId: string;
  @ApiProperty({ example: '/public/publications/0b6f…/files/7d1e…' }) url: string;
  @ApiProperty({ example: 'beschluss-2015-01-14-redacted.pdf' }) name: string;
  @ApiProperty({ enum: FILE_KINDS }) kind: string;
  @ApiProperty({ description: 'Bytes.' }) bytes: number;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ description: 'SHA-256 of the file, hex; also its ETag.' }) sha256: string;
}

class PublicationPeriodDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Excluded.' }) to: string;
  @ApiProperty({ example: '2015' }) label: string;
}

export class PublicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PUBLICATION_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LANGUAGES }) language: string;
  @ApiProperty({
    description:
      '1 for the first publication; higher numbers are revised versions of the same document.',
  })
  revision: number;
  @ApiProperty({ description: 'True for revision 2 and later.' }) revised: boolean;
  @ApiProperty({
    description:
      'True when a later revision of the same document (same case or period, same language) replaces this one.',
  })
  superseded: boolean;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ nullable: true, type: String }) revisionNote: string | null;
  @ApiPropertyOptional({ type: PublicationPeriodDto, nullable: true, description: 'Reports only.' })
  period: PublicationPeriodDto | null;
  @ApiProperty({ type: PublicationFilesDto }) files: PublicationFilesDto;
  @ApiProperty({
    type: [PublicationAttachmentDto],
    description:
      'Redacted copies of documents published with a statement (empty for reports); a revision keeps its own list.',
  })
  attachments: PublicationAttachmentDto[];
}

export class PublicationListDto {
  @ApiProperty({ type: [PublicationDto] }) items: PublicationDto[];
}

export class CaseStatementsQuery {
  @IdField({ description: 'The case whose statements to list.' })
  caseId: string;
}

export class PublicationFileParams {
  @ApiProperty({ enum: PUBLICATION_FORMATS })
  @IsIn(PUBLICATION_FORMATS as unknown as string[], {
    message: `must be one of: ${PUBLICATION_FORMATS.join(', ')}`,
  })
  format: (typeof PUBLICATION_FORMATS)[number];
}
