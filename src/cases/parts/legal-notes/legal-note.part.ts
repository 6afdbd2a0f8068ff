import type { CasePartDefinition } from '../case-part-definition.js';
import { CreateLegalNoteDto, LegalNoteDto, UpdateLegalNoteDto } from './legal-note.dto.js';
import { LegalNote } from './legal-note.entity.js';

export const LEGAL_NOTE: CasePartDefinition<LegalNote> = {
  name: 'legal note',
  auditType: 'legal_note',
  plural: 'legal notes',
  path: 'legal-notes',
  entity: LegalNote,
  fields: ['caseId', 'topic', 'body', 'authorId'],
  order: { createdAt: 'ASC', id: 'ASC' },
  createDto: CreateLegalNoteDto,
  updateDto: UpdateLegalNoteDto,
  responseDto: LegalNoteDto,
  // Privileged: lawyers write them; lawyers and the board read them; auditors do not.
  read: ['legal.read'],
  write: ['legal.write'],
  prepare: async (_m, note, existing, actor) => {
    if (!existing) note.authorId = actor?.userId ?? null;
  },
};
