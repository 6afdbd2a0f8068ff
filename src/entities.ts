import { Authority } from './authorities/entities/authority.entity.js';
import { AffectedSystem } from './case-parts/entities/affected-system.entity.js';
import { CaseAuthority } from './case-parts/entities/case-authority.entity.js';
import { Deadline } from './case-parts/entities/deadline.entity.js';
import { Disclosure } from './case-parts/entities/disclosure.entity.js';
import { GagOrder } from './case-parts/entities/gag-order.entity.js';
import { LegalBasis } from './case-parts/entities/legal-basis.entity.js';
import { SeizedItem } from './case-parts/entities/seized-item.entity.js';
import { Target } from './case-parts/entities/target.entity.js';
import { TimelineEvent } from './case-parts/entities/timeline-event.entity.js';
import { Case } from './cases/entities/case.entity.js';
import { InventoryItem } from './inventory/entities/inventory-item.entity.js';
import { AccessToken } from './auth/entities/access-token.entity.js';
import { LegalNote } from './case-parts/entities/legal-note.entity.js';
import { Remedy } from './case-parts/entities/remedy.entity.js';
import { User } from './auth/entities/user.entity.js';

export const ENTITIES = [
  Authority,
  InventoryItem,
  Case,
  CaseAuthority,
  LegalBasis,
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
];
