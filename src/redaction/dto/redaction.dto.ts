import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { EnumArrayField, StringListField, WholeNumberField } from '../../common/validators.js';
import { REDACTION_PRESETS, type RedactionPreset } from '../redact.js';

const PRESETS = Object.keys(REDACTION_PRESETS) as RedactionPreset[];
const POINTS = 14_400; // 200 inches: larger than any page a PDF may have

export class RedactionRectDto {
  @WholeNumberField({ min: 1, max: 100_000, description: 'Page number, from 1.' })
  page: number;

  @ApiProperty({ description: 'From the left edge of the page, in PDF points (1/72 inch).' })
  @IsNumber({}, { message: 'must be a number' })
  @Min(0)
  @Max(POINTS)
  x: number;

  @ApiProperty({ description: 'From the top edge of the page, in PDF points.' })
  @IsNumber({}, { message: 'must be a number' })
  @Min(0)
  @Max(POINTS)
  y: number;

  @ApiProperty({ description: 'Width in points.' })
  @IsNumber({}, { message: 'must be a number' })
  @Min(1)
  @Max(POINTS)
  width: number;

  @ApiProperty({ description: 'Height in points.' })
  @IsNumber({}, { message: 'must be a number' })
  @Min(1)
  @Max(POINTS)
  height: number;
}

export class CreateRedactedCopyDto {
  @WholeNumberField({
    required: false,
    min: 1,
    max: 100_000,
    description: 'Which version of the file (default: the newest).',
  })
  version?: number;

  @ApiPropertyOptional({ type: [RedactionRectDto], description: 'Areas to black out.' })
  @ValidateIf((_, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RedactionRectDto)
  rectangles?: RedactionRectDto[];

  @EnumArrayField(PRESETS, {
    required: false,
    description: 'Ready-made text rules: email (e-mail addresses), phone (telephone numbers).',
  })
  presets?: RedactionPreset[];

  @StringListField({
    required: false,
    maxItems: 20,
    maxLength: 200,
    description:
      'Regular expressions (JavaScript, Unicode) for text to black out wherever it appears in the text ' +
      'layer, e.g. an account name. Scans without a text layer need rectangles.',
  })
  patterns?: string[];
}
