import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  FILE_KINDS,
  FILE_PART_TYPES,
  type FileKind,
  type FilePartType,
} from '../../domain/vocabulary.js';
import { EnumField, IdField, WholeNumberField, queryWholeNumber } from '../../common/validators.js';
import { ACCEPTED_MEDIA_TYPES } from '../content-type.js';

const int = queryWholeNumber();

/** What a new file is; sent as query parameters so that the body is the file alone, streamed. */
export class UploadFileQuery {
  @EnumField(FILE_KINDS, { description: 'What the document is.' })
  kind: FileKind;

  @EnumField(['true', 'false'], {
    required: false,
    description:
      'true: privileged (a lawyer’s memo): only roles that read legal notes (lawyers, board) see it. Default false.',
  })
  privileged?: 'true' | 'false';

  @EnumField(FILE_PART_TYPES, {
    required: false,
    description: 'The kind of case part the file belongs to (with partId).',
  })
  partType?: FilePartType;

  @IdField({ required: false, description: 'The case part the file belongs to (with partType).' })
  partId?: string;
}

export class DownloadFileQuery {
  @Transform(int)
  @WholeNumberField({
    required: false,
    min: 1,
    max: 100_000,
    description: 'Which version (default: the newest).',
  })
  version?: number;
}

/** The multipart body of an upload (documented for OpenAPI; the stream is read by hand). */
export class FileUploadBody {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The file (one part named "file").',
  })
  file: unknown;
}

export class FilePartRefDto {
  @ApiProperty({ enum: FILE_PART_TYPES })
  type: FilePartType;

  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class RedactedFromDto {
  @ApiProperty({ format: 'uuid', description: 'The file the copy was made from.' })
  fileId: string;

  @ApiProperty({ example: 1, description: 'The version of that file.' })
  version: number;
}

export class FileVersionDto {
  @ApiProperty({ example: 1, description: '1 for the first upload; a corrected scan is the next.' })
  version: number;

  @ApiProperty({
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    pattern: '^[0-9a-f]{64}$',
    description: 'SHA-256 of the content, hexadecimal.',
  })
  sha256: string;

  @ApiProperty({ example: 482113, description: 'Bytes.' })
  size: number;

  @ApiProperty({ enum: ACCEPTED_MEDIA_TYPES, description: 'Determined from the content.' })
  mediaType: string;

  @ApiProperty({
    example: 'Durchsuchungsbeschluss 2015.pdf',
    description: 'As uploaded, sanitised.',
  })
  originalName: string;

  @ApiProperty({ format: 'date-time' })
  uploadedAt: string;

  @ApiProperty({ example: 'board:alice@example.org', description: 'Who uploaded it.' })
  uploadedBy: string;
}

export class FileDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ enum: FILE_KINDS })
  kind: FileKind;

  @ApiProperty({ description: 'Only lawyers and the board see a privileged file.' })
  privileged: boolean;

  @ApiProperty({ type: FilePartRefDto, nullable: true })
  part: FilePartRefDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({
    type: RedactedFromDto,
    nullable: true,
    description:
      'For a redacted public copy: the file and version it was made from. Only these can be published with a statement.',
  })
  redactedFrom: RedactedFromDto | null;

  @ApiProperty({ type: [FileVersionDto], description: 'Every version, oldest first.' })
  versions: FileVersionDto[];
}

export class FileListDto {
  @ApiProperty({ type: [FileDto] })
  items: FileDto[];
}
