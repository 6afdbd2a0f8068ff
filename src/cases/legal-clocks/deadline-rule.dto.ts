import { ApiProperty } from '@nestjs/swagger';
import { DEADLINE_KINDS } from '../../domain/vocabulary.js';
import { ROLES } from '../../access/permissions.js';
import type { LegalClockRule } from './legal-clock-rules.js';

export const PERIOD_UNITS = ['hours', 'days', 'working_days', 'date'] as const;

class LabelDto {
  @ApiProperty() de: string;
  @ApiProperty() en: string;
}

class PeriodDto {
  @ApiProperty({ enum: PERIOD_UNITS, description: 'date: the date recorded in the case itself.' })
  unit: (typeof PERIOD_UNITS)[number];
  @ApiProperty({ type: 'integer', description: '0 for unit date.' })
  amount: number;
}

export class DeadlineRuleDto {
  @ApiProperty({ example: 'epoc_production' }) id: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: string;
  @ApiProperty({ type: LabelDto }) label: LabelDto;
  @ApiProperty({ example: 'Regulation (EU) 2023/1543, Art. 10(2)' }) source: string;
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({
    type: 'integer',
    isArray: true,
    description: 'Reminders this many minutes before due.',
  })
  remindBeforeMinutes: number[];
  @ApiProperty({ enum: ROLES, isArray: true }) notifyRoles: string[];
  @ApiProperty({ description: 'Reminders go out at once, whatever the digest setting.' })
  emergency: boolean;
  @ApiProperty({ description: "The organisation's own rule (INTERNAL_DEADLINE_RULES)." })
  internal: boolean;
}

export class DeadlineRuleListDto {
  @ApiProperty({ type: DeadlineRuleDto, isArray: true }) items: DeadlineRuleDto[];
}

export function toRuleDto(rule: LegalClockRule): DeadlineRuleDto {
  const p = rule.period;
  const period: PeriodDto =
    'hours' in p
      ? { unit: 'hours', amount: p.hours }
      : 'days' in p
        ? { unit: 'days', amount: p.days }
        : 'workingDays' in p
          ? { unit: 'working_days', amount: p.workingDays }
          : { unit: 'date', amount: 0 };
  return {
    id: rule.id,
    kind: rule.kind,
    label: { ...rule.label },
    source: rule.source,
    period,
    remindBeforeMinutes: [...rule.remindBeforeMinutes],
    notifyRoles: [...rule.notifyRoles],
    emergency: rule.emergency,
    internal: !!rule.optIn,
  };
}
