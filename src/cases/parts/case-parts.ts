import { AFFECTED_SYSTEM } from './affected-systems/affected-system.part.js';
import { CASE_AUTHORITY } from './case-authorities/case-authority.part.js';
import { anyCasePart, type AnyCasePart } from './case-part-definition.js';
import { DEADLINE } from './deadlines/deadline.part.js';
import { DISCLOSURE } from './disclosures/disclosure.part.js';
import { GAG_ORDER } from './gag-orders/gag-order.part.js';
import { LEGAL_BASIS } from './legal-bases/legal-basis.part.js';
import { LEGAL_NOTE } from './legal-notes/legal-note.part.js';
import { MEASURE } from './measures/measure.part.js';
import { REMEDY } from './remedies/remedy.part.js';
import { SEIZED_ITEM } from './seized-items/seized-item.part.js';
import { TARGET } from './targets/target.part.js';
import { TIMELINE_EVENT } from './timeline/timeline-event.part.js';

export {
  AFFECTED_SYSTEM,
  CASE_AUTHORITY,
  DEADLINE,
  DISCLOSURE,
  GAG_ORDER,
  LEGAL_BASIS,
  LEGAL_NOTE,
  MEASURE,
  REMEDY,
  SEIZED_ITEM,
  TARGET,
  TIMELINE_EVENT,
};

/** Every kind of case part, each served under /cases/{caseId}/{path}. */
export const CASE_PARTS: readonly AnyCasePart[] = [
  anyCasePart(CASE_AUTHORITY),
  anyCasePart(LEGAL_BASIS),
  anyCasePart(MEASURE),
  anyCasePart(TARGET),
  anyCasePart(AFFECTED_SYSTEM),
  anyCasePart(DISCLOSURE),
  anyCasePart(SEIZED_ITEM),
  anyCasePart(TIMELINE_EVENT),
  anyCasePart(DEADLINE),
  anyCasePart(GAG_ORDER),
  anyCasePart(LEGAL_NOTE),
  anyCasePart(REMEDY),
];
