import { auditVisibility } from '../access/case-visibility.js';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow } from '../access/access.decorator.js';
import { AuditQueryService } from '../audit/audit-query.service.js';
import { AuditEventPageDto, AuditPageQuery } from '../audit/dto/audit.dto.js';
import { ApiProblems } from '../common/problem.dto.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { UuidParam } from '../common/uuid-param.js';
import { CaseAccessService } from './case-access.service.js';

@ApiTags('cases')
@Controller('cases')
export class CaseHistoryController {
  constructor(
    private readonly query: AuditQueryService,
    private readonly access: CaseAccessService,
    private readonly dataSource: DataSource,
  ) {}

  @Get(':caseId/history')
  @Allow('cases.read')
  @ApiOperation({
    summary:
      "The case's history from the audit trail: every change to it and its parts, in log order",
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblems(400, 404)
  async history(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Query() query: AuditPageQuery,
  ) {
    await this.access.requireVisible(this.dataSource.manager, actor, caseId, 'read');
    return this.query.caseHistory(caseId, query, auditVisibility(actor));
  }
}
