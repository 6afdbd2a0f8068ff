import type { AffectedSystem } from '../case-parts/entities/affected-system.entity.js';
import type { CaseAuthority } from '../case-parts/entities/case-authority.entity.js';
import type { Deadline } from '../case-parts/entities/deadline.entity.js';
import type { Disclosure } from '../case-parts/entities/disclosure.entity.js';
import type { GagOrder } from '../case-parts/entities/gag-order.entity.js';
import type { LegalBasis } from '../case-parts/entities/legal-basis.entity.js';
import type { LegalNote } from '../case-parts/entities/legal-note.entity.js';
import type { Remedy } from '../case-parts/entities/remedy.entity.js';
import type { SeizedItem } from '../case-parts/entities/seized-item.entity.js';
import type { Target } from '../case-parts/entities/target.entity.js';
import type { TimelineEvent } from '../case-parts/entities/timeline-event.entity.js';
import type { Case } from './entities/case.entity.js';
import type { impactFigures } from './case-file.mapper.js';

/** A record as the API sends it: timestamps as ISO 8601 strings. */
export type Plain<E> = {
  [K in keyof E]: E[K] extends Date ? string : E[K] extends Date | null ? string | null : E[K];
};

/** The whole case file as CasesService.get returns it (and GET /cases/{id} sends it). */
export interface CaseFileView extends Plain<Case> {
  authorities: (Plain<CaseAuthority> & {
    authority: { name: string; kind: string; country: string } | null;
  })[];
  legalBases: Plain<LegalBasis>[];
  targets: Plain<Target>[];
  affectedSystems: Plain<AffectedSystem>[];
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
