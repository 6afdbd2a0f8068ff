import { Body, Controller, Get, Patch, Post, Query, HttpCode } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatch } from '../common/api-if-match.js';
import { IfMatch, RequiredIfMatch } from '../common/if-match.js';
import { Allow } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { CasesService } from './cases.service.js';
import { CaseFileDto } from './dto/case-file.dto.js';
import {
  CasePageDto,
  ChangeStatusDto,
  CreateCaseDto,
  UpdateCaseDto,
  VoidCaseDto,
  ExtendPreservationDto,
} from './dto/case.dto.js';
import { ListCasesQuery } from './dto/list-cases.query.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @Allow('cases.read')
  @ApiOperation({ summary: 'List cases: filters, full-text search, sorting, cursor pagination' })
  @ApiOkResponse({ type: CasePageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQuery) {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @Allow('cases.read')
  @ApiOperation({
    summary: 'Read the whole case file with every part and the computed impact figures',
  })
  @ApiOkResponse({ type: CaseFileDto })
  @ApiProblems(400, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CaseFileDto> {
    return this.cases.get(actor, id);
  }

  @Post()
  @Allow('cases.write')
  @ApiOperation({
    summary: 'Log a new case (status received); involved authorities may be given at once',
  })
  @ApiCreatedResponse({ type: CaseFileDto })
  @ApiProblems(400, 409, 422)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCaseDto): Promise<CaseFileDto> {
    return this.cases.create(actor, dto);
  }

  @Patch(':id')
  @Allow('cases.write')
  @ApiOperation({ summary: 'Change case fields (not the status: see POST /cases/{id}/status)' })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseFileDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCaseDto,
    @RequiredIfMatch() version: number,
  ): Promise<CaseFileDto> {
    return this.cases.update(actor, id, dto, version);
  }

  @Post(':id/status')
  @Allow('cases.write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the case to another status; invalid transitions give 409' })
  @ApiIfMatch({ required: false })
  @ApiOkResponse({ type: CaseFileDto })
  @ApiProblems(400, 404, 409, 412)
  changeStatus(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: ChangeStatusDto,
    @IfMatch() version?: number,
  ): Promise<CaseFileDto> {
    return this.cases.changeStatus(actor, id, dto, version);
  }

  @Post(':id/void')
  @Allow('cases.write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Void a case recorded in error, with the reason: kept with its audit trail, left out of lists (unless asked for), reports and public output',
  })
  @ApiIfMatch({ required: false })
  @ApiOkResponse({ type: CaseFileDto })
  @ApiProblems(400, 404, 409, 412)
  voidCase(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: VoidCaseDto,
    @IfMatch() version?: number,
  ): Promise<CaseFileDto> {
    return this.cases.voidCase(actor, id, dto, version);
  }

  @Post(':id/preservation-extension')
  @Allow('cases.write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Extend a preservation order (EPOC-PR) by 30 days',
    description:
      'Regulation (EU) 2023/1543 Art. 11(1): within the 60 days, the issuing authority may extend the preservation by 30 days, once. Records when and why, moves the legal-clock deadline to day 90 and is audited (preservation_extended). 409 not-a-preservation-order, already-extended, preservation-expired or case-void.',
  })
  @ApiIfMatch({ required: false })
  @ApiOkResponse({ type: CaseFileDto })
  @ApiProblems(400, 404, 409, 412)
  extendPreservation(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: ExtendPreservationDto,
    @IfMatch() version?: number,
  ): Promise<CaseFileDto> {
    return this.cases.extendPreservation(actor, id, dto, version);
  }
}
