import type { AffectedSystem } from './parts/affected-systems/affected-system.entity.js';
import type { CaseAuthority } from './parts/case-authorities/case-authority.entity.js';
import type { Deadline } from './parts/deadlines/deadline.entity.js';
import type { Disclosure } from './parts/disclosures/disclosure.entity.js';
import type { GagOrder } from './parts/gag-orders/gag-order.entity.js';
import type { LegalBasis } from './parts/legal-bases/legal-basis.entity.js';
import type { Measure } from './parts/measures/measure.entity.js';
import type { LegalNote } from './parts/legal-notes/legal-note.entity.js';
import type { Remedy } from './parts/remedies/remedy.entity.js';
import type { SeizedItem } from './parts/seized-items/seized-item.entity.js';
import type { Target } from './parts/targets/target.entity.js';
import type { TimelineEvent } from './parts/timeline/timeline-event.entity.js';
import type { AuthorityKind } from '../domain/vocabulary.js';
import type { Plain } from '../records/record-definition.js';
import type { Case } from './entities/case.entity.js';
import type { impactFigures } from './case-file.mapper.js';

type AuthorityName = { name: string; kind: AuthorityKind; country: string };

/** The whole case file as CasesService.get returns it (and GET /cases/{id} sends it). */
export interface CaseFileView extends Plain<Case> {
  authorities: (Plain<CaseAuthority> & { authority: AuthorityName | null })[];
  legalBases: Plain<LegalBasis>[];
  measures: (Plain<Measure> & {
    orderedBy: AuthorityName | null;
    executedBy: AuthorityName | null;
  })[];
  /** The unit of the organisation, with its path from the top down; null when not assigned. */
  unit: { id: string; name: string; path: string[] } | null;
  targets: Plain<Target>[];
  /** owner: the inventory item's owner or customer; null for the organisation's own. */
  affectedSystems: (Plain<AffectedSystem> & { owner: string | null })[];
  disclosures: Plain<Disclosure>[];
  seizedItems: Plain<SeizedItem>[];
  timeline: Plain<TimelineEvent>[];
  deadlines: (Plain<Deadline> & { overdue: boolean })[];
  gagOrders: (Plain<GagOrder> & { active: boolean })[];
  remedies: Plain<Remedy>[];
  /** Present only for roles that may read legal notes. */
  legalNotes?: Plain<LegalNote>[];
  impact: ReturnType<typeof impactFigures>;
}
