import { IntersectionType, PartialType } from '@nestjs/swagger';
import { InvolvedAuthorityInput } from '../../dto/case.dto.js';
import { CasePartMetaDto } from '../case-part-meta.dto.js';

export class CreateCaseAuthorityDto extends InvolvedAuthorityInput {}
export class UpdateCaseAuthorityDto extends PartialType(InvolvedAuthorityInput) {}
export class CaseAuthorityDto extends IntersectionType(CasePartMetaDto, InvolvedAuthorityInput) {}
