import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, ValidateIf } from 'class-validator';
import { Allow } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { CasesService } from './cases.service.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { LegalClocksService } from './legal-clocks/legal-clocks.service.js';
import { DeadlineRuleListDto, toRuleDto } from './legal-clocks/deadline-rule.dto.js';

export class ListDeadlinesQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Only deadlines already past due.' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @ValidateIf((_, v) => v !== undefined)
  @IsIn([true, false], { message: 'must be true or false' })
  overdue?: boolean;
}

@ApiTags('deadlines')
@Controller()
export class DeadlinesController {
  constructor(
    private readonly cases: CasesService,
    private readonly clocks: LegalClocksService,
  ) {}

  @Get('deadlines')
  @Allow('cases.read')
  @ApiOperation({ summary: 'Open deadlines across all cases, soonest first (at most 500)' })
  @ApiOkResponse({
    schema: {
      properties: {
        items: {
          type: 'array',
          items: {
            properties: {
              id: { type: 'string', format: 'uuid' },
              caseId: { type: 'string', format: 'uuid' },
              caseReference: { type: 'string' },
              caseTitle: { type: 'string' },
              kind: { type: 'string' },
              rule: {
                type: 'string',
                nullable: true,
                description: 'The legal-clock rule that made it; null: entered by hand.',
              },
              dueAt: { type: 'string', format: 'date-time' },
              overdue: { type: 'boolean' },
              notes: { type: 'string', nullable: true },
            },
          },
        },
      },
    },
  })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: ListDeadlinesQuery) {
    return this.cases.openDeadlines(actor, query.overdue ?? false);
  }

  @Get('deadline-rules')
  @Allow('cases.read')
  @ApiOperation({
    summary:
      'The legal clocks in force: which case facts create which deadlines, with their legal source',
  })
  @ApiOkResponse({ type: DeadlineRuleListDto })
  rules(): DeadlineRuleListDto {
    return { items: this.clocks.activeRules().map(toRuleDto) };
  }
}
