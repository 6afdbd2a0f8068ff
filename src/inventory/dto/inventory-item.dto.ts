import { IntersectionType, PartialType } from '@nestjs/swagger';
import { CountField, EnumField, StringListField, TextField } from '../../common/validators.js';
import { INVENTORY_KINDS, type InventoryKind } from '../../domain/vocabulary.js';
import { RecordMetaDto } from '../../records/record-meta.dto.js';

export class CreateInventoryItemDto {
  @TextField({ max: 200, example: 'web01' })
  name: string;

  @EnumField(INVENTORY_KINDS, { example: 'virtual_server' })
  kind: InventoryKind;

  @TextField({ required: false, nullable: true, max: 300, example: 'Rechenzentrum Düsseldorf' })
  location?: string | null;

  @TextField({ required: false, nullable: true, max: 300, example: 'AixIT, Offenbach' })
  provider?: string | null;

  @TextField({
    required: false,
    nullable: true,
    max: 300,
    example: 'Distributed Denial of Secrets (customer)',
    description:
      "The owner or customer whose system or data it is, when not the organisation's own.",
  })
  owner?: string | null;

  @StringListField({ required: false, maxLength: 200, example: ['website', 'wiki'] })
  services?: string[];

  @StringListField({
    required: false,
    description:
      'Host names, domains, IP addresses that identify it; named targets are matched against these and the name.',
    example: ['piratenpad.de', '203.0.113.10'],
  })
  identifiers?: string[];

  @CountField({ required: false, nullable: true, example: 12000 })
  usersServed?: number | null;

  @TextField({ required: false, nullable: true })
  notes?: string | null;
}

export class UpdateInventoryItemDto extends PartialType(CreateInventoryItemDto) {}

export class InventoryItemDto extends IntersectionType(RecordMetaDto, CreateInventoryItemDto) {}
