import { BOARD_WRITES, type CasePartDefinition } from '../case-part-definition.js';
import { legalBasisOfSameCase } from '../case-invariants.js';
import { CreateMeasureDto, MeasureDto, UpdateMeasureDto } from './measure.dto.js';
import { Measure } from './measure.entity.js';

export const MEASURE: CasePartDefinition<Measure> = {
  name: 'measure',
  auditType: 'measure',
  plural: 'measures',
  path: 'measures',
  entity: Measure,
  fields: ['caseId', 'type', 'legalBasisId', 'orderedById', 'executedById', 'orderedAt', 'notes'],
  order: { orderedAt: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC', id: 'ASC' },
  createDto: CreateMeasureDto,
  updateDto: UpdateMeasureDto,
  responseDto: MeasureDto,
  ...BOARD_WRITES,
  prepare: (m, measure) => legalBasisOfSameCase(m, measure.caseId, measure.legalBasisId),
};
