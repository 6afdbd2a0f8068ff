import { ApiProperty } from '@nestjs/swagger';
import { RecordMetaDto } from '../../records/record-meta.dto.js';

export class CasePartMetaDto extends RecordMetaDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
}
