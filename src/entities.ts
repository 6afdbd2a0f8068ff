import { Authority } from './authorities/entities/authority.entity.js';
import { AffectedSystem } from './cases/parts/affected-systems/affected-system.entity.js';
import { CaseAuthority } from './cases/parts/case-authorities/case-authority.entity.js';
import { Deadline } from './cases/parts/deadlines/deadline.entity.js';
import { Disclosure } from './cases/parts/disclosures/disclosure.entity.js';
import { GagOrder } from './cases/parts/gag-orders/gag-order.entity.js';
import { LegalBasis } from './cases/parts/legal-bases/legal-basis.entity.js';
import { SeizedItem } from './cases/parts/seized-items/seized-item.entity.js';
import { Target } from './cases/parts/targets/target.entity.js';
import { TimelineEvent } from './cases/parts/timeline/timeline-event.entity.js';
import { Case } from './cases/entities/case.entity.js';
import { InventoryItem } from './inventory/entities/inventory-item.entity.js';
import { AccessToken } from './auth/entities/access-token.entity.js';
import { LegalNote } from './cases/parts/legal-notes/legal-note.entity.js';
import { Remedy } from './cases/parts/remedies/remedy.entity.js';
import { User } from './auth/entities/user.entity.js';
import { Measure } from './cases/parts/measures/measure.entity.js';
import { OrgUnit } from './units/entities/org-unit.entity.js';

export const ENTITIES = [
  Authority,
  InventoryItem,
  Case,
  CaseAuthority,
  LegalBasis,
  Measure,
  Target,
  AffectedSystem,
  Disclosure,
  SeizedItem,
  TimelineEvent,
  Deadline,
  GagOrder,
  LegalNote,
  Remedy,
  User,
  AccessToken,
  OrgUnit,
];
