import { BOARD_WRITES, type CasePartDefinition } from '../case-part-definition.js';
import { CreateGagOrderDto, GagOrderDto, UpdateGagOrderDto } from './gag-order.dto.js';
import { GagOrder } from './gag-order.entity.js';

export const GAG_ORDER: CasePartDefinition<GagOrder> = {
  name: 'gag order',
  auditType: 'gag_order',
  plural: 'gag orders',
  path: 'gag-orders',
  entity: GagOrder,
  fields: [
    'caseId',
    'legalBasis',
    'binding',
    'until',
    'untilPrecision',
    'reviewAt',
    'reviewAtPrecision',
    'liftedAt',
    'liftedAtPrecision',
    'notes',
  ],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateGagOrderDto,
  updateDto: UpdateGagOrderDto,
  responseDto: GagOrderDto,
  ...BOARD_WRITES,
  restrictsCase: true,
};
