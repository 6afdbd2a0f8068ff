import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches, ValidateIf } from 'class-validator';
import { OneOf } from '../../common/one-of.js';
import { IdField, TimestampField } from '../../common/validators.js';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import { SECTION_KEYS } from '../../i18n/report-texts.js';
import { DIMENSION_KEYS } from '../../i18n/report-dimension-texts.js';

const present = (_: unknown, v: unknown) => v !== undefined;
const FORMATS = ['json', 'csv', 'pdf'] as const;

/** The reporting period, given one way: a year, a half-year, or from and to. */
@OneOf(
  'The reporting period is given one way: `year`, `half`, or `from` and `to` together.',
  ['year'],
  ['half'],
  ['from', 'to'],
)
export class ReportPeriodQuery {
  @ApiPropertyOptional({
    description: "A calendar year (in the organisation's time zone, ORG_TIME_ZONE).",
    example: '2015',
    pattern: '^\\d{4}$',
  })
  @ValidateIf(present)
  @Matches(/^\d{4}$/, { message: 'must be a year, e.g. 2015' })
  year?: string;

  @ApiPropertyOptional({
    description: 'A half-year: H1 is January to June, H2 July to December.',
    example: '2015-H1',
    pattern: '^\\d{4}-H[12]$',
  })
  @ValidateIf(present)
  @Matches(/^\d{4}-H[12]$/, { message: 'must be a half-year, e.g. 2015-H1 or 2015-H2' })
  half?: string;

  @TimestampField({
    required: false,
    example: '2015-01-01T00:00:00+01:00',
    description:
      'Start of the period (included); midnight with an offset: reports cover whole days.',
  })
  from?: string;

  @TimestampField({
    required: false,
    example: '2016-01-01T00:00:00+01:00',
    description: 'End of the period (excluded); midnight with an offset.',
  })
  to?: string;
}

/** A period, and optionally one unit of the organisation. */
export class ReportScopeQuery extends ReportPeriodQuery {
  @IdField({
    required: false,
    description:
      'Only cases of this unit of the organisation and of the units below it (GET /units); all cases when omitted.',
  })
  unit?: string;
}

export class TransparencyReportQuery extends ReportScopeQuery {
  @ApiPropertyOptional({ enum: FORMATS, default: 'json' })
  @ValidateIf(present)
  @IsIn(FORMATS as unknown as string[], { message: `must be one of: ${FORMATS.join(', ')}` })
  format?: (typeof FORMATS)[number];

  @ApiPropertyOptional({
    enum: LANGUAGES,
    default: 'en',
    description: 'Language of labels and explanations.',
  })
  @ValidateIf(present)
  @IsIn(LANGUAGES as unknown as string[], { message: `must be one of: ${LANGUAGES.join(', ')}` })
  lang?: Language;
}

const FIGURE_VALUE = {
  // OpenAPI 3.0 has no null type: each alternative admits null (anyOf, since null matches both).
  anyOf: [
    { type: 'number', nullable: true },
    { type: 'string', nullable: true },
  ],
  description:
    'A number when counts are exact; otherwise the published band as text ("0", "1-9", "500+", "< 10"). ' +
    'null when the figure does not apply (a share of no requests).',
  example: '10-49',
};

export class ReportRowDto {
  @ApiProperty({ example: 'search_and_seizure' })
  key: string;

  @ApiProperty({ example: 'Search and seizure' })
  label: string;

  @ApiProperty({ enum: ['requests', 'accounts', 'systems', 'hours', 'percent', 'days'] })
  unit: string;

  @ApiProperty(FIGURE_VALUE)
  value: number | string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Smallest value the figure allows.',
    example: 10,
  })
  low: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Largest value the figure allows; null: no upper bound.',
    example: 49,
  })
  high: number | null;
}

export class ReportSectionDto {
  @ApiProperty({ enum: [...SECTION_KEYS, ...DIMENSION_KEYS] })
  key: string;

  @ApiProperty({ example: 'By type of request' })
  title: string;

  @ApiProperty({ description: 'What the figures of this category mean.' })
  explanation: string;

  @ApiProperty({ type: [ReportRowDto] })
  rows: ReportRowDto[];
}

class ReportPeriodDto {
  @ApiProperty({ format: 'date-time', example: '2015-01-01T00:00:00.000Z' })
  from: string;

  @ApiProperty({ format: 'date-time', example: '2016-01-01T00:00:00.000Z' })
  to: string;

  @ApiProperty({ example: '2015' })
  label: string;
}

class CountsDto {
  @ApiProperty({ enum: ['exact', 'bands', 'suppress'] })
  mode: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['0', '1-9', '10-49', '50-99', '100-249', '250-499', '500+'],
  })
  bands?: string[];

  @ApiPropertyOptional({ example: 10 })
  suppressBelow?: number;

  @ApiProperty({
    description:
      'Legal bases and countries with fewer requests are combined under "other" (0: none).',
    example: 10,
  })
  smallValuesCombinedBelow: number;

  @ApiProperty({ description: 'The counting rule, as printed with the report.' })
  rule: string;

  @ApiProperty({
    description:
      'Why the figures are published exact or as ranges, as printed in the report: the reason given when ' +
      'publishing, or the standard reason of the mode.',
  })
  reason: string;
}

class WithheldDto {
  @ApiProperty({ enum: [false], description: 'The number of withheld cases is never published.' })
  numberPublished: boolean;

  @ApiProperty()
  note: string;
}

export class OrgUnitScopeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Landesverband NRW' })
  name: string;

  @ApiProperty({
    type: [String],
    example: ['Bundesverband', 'Landesverband NRW'],
    description: 'Names from the top down.',
  })
  path: string[];
}

export class TransparencyReportDto {
  @ApiProperty({ enum: ['transparency_report'] })
  kind: string;

  @ApiProperty({ example: 'Transparency report' })
  title: string;

  @ApiProperty({ enum: LANGUAGES })
  language: string;

  @ApiProperty({ type: ReportPeriodDto })
  period: ReportPeriodDto;

  @ApiProperty({ format: 'date-time' })
  generatedAt: string;

  @ApiProperty({ example: 'DE' })
  homeCountry: string;

  @ApiProperty({
    type: OrgUnitScopeDto,
    nullable: true,
    description: 'The unit the report is limited to (with the units below it); null: all cases.',
  })
  unit: OrgUnitScopeDto | null;

  @ApiProperty({ type: CountsDto })
  counts: CountsDto;

  @ApiProperty({ type: WithheldDto })
  withheld: WithheldDto;

  @ApiProperty({ type: [ReportSectionDto] })
  sections: ReportSectionDto[];
}
