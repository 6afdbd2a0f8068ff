import type { paths } from './api/schema';
import type { Schemas } from './api/client';

type Documented = paths['/cases/{id}']['get']['responses'][200]['content']['application/json'];

/**
 * The case file as GET /cases/{id} sends it. The parts are named here in terms of the documented
 * part schemas, so a change to any of them shows up in the type check.
 */
export type CaseFile = Documented & {
  authorities: (Schemas['CaseAuthorityDto'] & {
    authority: { name: string; kind: string; country: string } | null;
  })[];
  legalBases: Schemas['LegalBasisDto'][];
  targets: Schemas['TargetDto'][];
  affectedSystems: Schemas['AffectedSystemDto'][];
  disclosures: Schemas['DisclosureDto'][];
  seizedItems: Schemas['SeizedItemDto'][];
  timeline: Schemas['TimelineEventDto'][];
  deadlines: (Schemas['DeadlineDto'] & { overdue: boolean })[];
  gagOrders: (Schemas['GagOrderDto'] & { active: boolean })[];
  remedies: Schemas['RemedyDto'][];
  legalNotes?: Schemas['LegalNoteDto'][];
  impact: {
    downtime: {
      totalMinutes: number;
      ongoing: boolean;
      systems: {
        inventoryItemId: string;
        name: string | null;
        minutes: number;
        ongoing: boolean;
      }[];
    };
    collateral: { targetsNamed: number; systemsAffected: number; ratio: number | null };
    handover: 'data_handed_over' | 'nothing_handed_over' | 'not_recorded';
  };
};
