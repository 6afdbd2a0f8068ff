import { ApiProperty, IntersectionType, PartialType } from '@nestjs/swagger';
import { EnumField, TextField } from '../../../common/validators.js';
import { LEGAL_NOTE_TOPICS, type LegalNoteTopic } from '../../../domain/vocabulary.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateLegalNoteDto {
  @EnumField(LEGAL_NOTE_TOPICS, { example: 'proportionality' })
  topic: LegalNoteTopic;

  @TextField({
    max: 50_000,
    example: 'Taking the whole infrastructure offline to secure one account is disproportionate.',
  })
  body: string;
}
export class UpdateLegalNoteDto extends PartialType(CreateLegalNoteDto) {}
export class LegalNoteDto extends IntersectionType(CasePartMetaDto, CreateLegalNoteDto) {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorId: string | null;
}
