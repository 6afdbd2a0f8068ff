import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AffectedSystemDto } from '../parts/affected-systems/affected-system.dto.js';
import { CaseAuthorityDto } from '../parts/case-authorities/case-authority.dto.js';
import { DeadlineDto } from '../parts/deadlines/deadline.dto.js';
import { DisclosureDto } from '../parts/disclosures/disclosure.dto.js';
import { GagOrderDto } from '../parts/gag-orders/gag-order.dto.js';
import { LegalBasisDto } from '../parts/legal-bases/legal-basis.dto.js';
import { MeasureDto } from '../parts/measures/measure.dto.js';
import { LegalNoteDto } from '../parts/legal-notes/legal-note.dto.js';
import { RemedyDto } from '../parts/remedies/remedy.dto.js';
import { SeizedItemDto } from '../parts/seized-items/seized-item.dto.js';
import { TargetDto } from '../parts/targets/target.dto.js';
import { TimelineEventDto } from '../parts/timeline/timeline-event.dto.js';
import {
  AUTHORITY_KINDS,
  HANDOVER_STATES,
  type AuthorityKind,
  type HandoverState,
} from '../../domain/vocabulary.js';
import { CaseDto } from './case.dto.js';

/** The directory entry of an involved authority, as far as the case file shows it. */
export class InvolvedAuthorityNameDto {
  @ApiProperty() name: string;
  @ApiProperty({ enum: AUTHORITY_KINDS }) kind: AuthorityKind;
  @ApiProperty({ example: 'DE' }) country: string;
}

export class CaseFileAuthorityDto extends CaseAuthorityDto {
  @ApiProperty({
    type: InvolvedAuthorityNameDto,
    nullable: true,
    description: 'From the directory; null if the entry is gone.',
  })
  authority: InvolvedAuthorityNameDto | null;
}

export class CaseFileMeasureDto extends MeasureDto {
  @ApiProperty({
    type: InvolvedAuthorityNameDto,
    nullable: true,
    description: 'The authority that ordered it, from the directory; null if not recorded.',
  })
  orderedBy: InvolvedAuthorityNameDto | null;

  @ApiProperty({
    type: InvolvedAuthorityNameDto,
    nullable: true,
    description: 'The authority that executed it; null if not recorded or not known.',
  })
  executedBy: InvolvedAuthorityNameDto | null;
}

/** The unit of the organisation a case belongs to. */
export class CaseUnitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Landesverband NRW' }) name: string;
  @ApiProperty({
    type: [String],
    example: ['Bundesverband', 'Landesverband NRW'],
    description: 'Names from the top down.',
  })
  path: string[];
}

export class CaseFileAffectedSystemDto extends AffectedSystemDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'DDoSecrets',
    description: "The inventory item's owner or customer; null when it is the organisation's own.",
  })
  owner: string | null;
}

export class CaseFileDeadlineDto extends DeadlineDto {
  @ApiProperty({ description: 'Not done and due before now.' }) overdue: boolean;
}

export class CaseFileGagOrderDto extends GagOrderDto {
  @ApiProperty({ description: 'In force now: not lifted (or lifted only later) and not expired.' })
  active: boolean;
}

export class SystemDowntimeDto {
  @ApiProperty({ format: 'uuid' }) inventoryItemId: string;
  @ApiProperty({ type: String, nullable: true, description: 'The inventory name.' })
  name: string | null;
  @ApiProperty({ type: 'integer', description: 'Minutes down, overlaps counted once.' })
  minutes: number;
  @ApiProperty({ description: 'Still down (an impact without end).' }) ongoing: boolean;
  @ApiProperty({
    description:
      'A lower bound: an end is unknown (ended_unknown counts until its start, at_least_until until that time).',
  })
  lowerBound: boolean;
  @ApiProperty({ description: 'Rests on times known only to the hour, the day or roughly.' })
  approximate: boolean;
}

export class DowntimeDto {
  @ApiProperty({
    type: 'integer',
    description: 'Minutes during which at least one system was down (overlaps counted once).',
  })
  totalMinutes: number;
  @ApiProperty() ongoing: boolean;
  @ApiProperty({ description: 'A lower bound: the end of some impact is unknown.' })
  lowerBound: boolean;
  @ApiProperty({ description: 'Rests on times known only to the hour, the day or roughly.' })
  approximate: boolean;
  @ApiProperty({ type: [SystemDowntimeDto], description: 'Per system, by name.' })
  systems: SystemDowntimeDto[];
}

export class CollateralDto {
  @ApiProperty({ type: 'integer' }) targetsNamed: number;
  @ApiProperty({ type: 'integer', description: 'Systems with an impact other than none.' })
  systemsAffected: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Systems affected per target named, two decimals; null when no target was named.',
  })
  ratio: number | null;
}

/** Figures computed from the case's parts. */
export class CaseImpactDto {
  @ApiProperty({ type: DowntimeDto }) downtime: DowntimeDto;
  @ApiProperty({ type: CollateralDto }) collateral: CollateralDto;
  @ApiProperty({
    enum: HANDOVER_STATES,
    description: 'Disclosures recorded, nothing handed over recorded, or neither.',
  })
  handover: HandoverState;
}

/** The whole case file: the case, every part, and the computed impact figures. */
export class CaseFileDto extends CaseDto {
  @ApiProperty({ type: [CaseFileAuthorityDto] }) authorities: CaseFileAuthorityDto[];
  @ApiProperty({ type: [LegalBasisDto] }) legalBases: LegalBasisDto[];
  @ApiProperty({
    type: [CaseFileMeasureDto],
    description: 'The measures of the case; requestType is the primary one, for lists.',
  })
  measures: CaseFileMeasureDto[];
  @ApiProperty({
    type: CaseUnitDto,
    nullable: true,
    description: 'The unit of unitId, with its path; null when not assigned.',
  })
  unit: CaseUnitDto | null;
  @ApiProperty({ type: [TargetDto] }) targets: TargetDto[];
  @ApiProperty({ type: [CaseFileAffectedSystemDto] })
  affectedSystems: CaseFileAffectedSystemDto[];
  @ApiProperty({ type: [DisclosureDto] }) disclosures: DisclosureDto[];
  @ApiProperty({ type: [SeizedItemDto] }) seizedItems: SeizedItemDto[];
  @ApiProperty({ type: [TimelineEventDto] }) timeline: TimelineEventDto[];
  @ApiProperty({ type: [CaseFileDeadlineDto] }) deadlines: CaseFileDeadlineDto[];
  @ApiProperty({ type: [CaseFileGagOrderDto] }) gagOrders: CaseFileGagOrderDto[];
  @ApiProperty({ type: [RemedyDto] }) remedies: RemedyDto[];
  @ApiPropertyOptional({
    type: [LegalNoteDto],
    description: 'Privileged: present only for roles that may read legal notes (not auditors).',
  })
  legalNotes?: LegalNoteDto[];
  @ApiProperty({ type: CaseImpactDto }) impact: CaseImpactDto;
}
