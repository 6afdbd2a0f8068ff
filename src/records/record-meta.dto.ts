import { ApiProperty } from '@nestjs/swagger';

/** Fields every record response carries. */
export class RecordMetaDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    description: 'Increases with every change; send it back as If-Match ("3") to update or delete.',
  })
  version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
