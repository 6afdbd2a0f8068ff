import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequiredIfMatch } from '../common/if-match.js';
import { ApiIfMatch } from '../common/api-if-match.js';
import { Allow } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { CreateOrgUnitDto, OrgUnitDto, UpdateOrgUnitDto } from './dto/org-unit.dto.js';
import { UnitsService } from './units.service.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Allow('directory.read')
  @ApiOperation({ summary: "List the organisation's units (by name; parentId gives the tree)" })
  @ApiOkResponse({
    schema: {
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/OrgUnitDto' } },
      },
    },
  })
  list() {
    return this.units.list();
  }

  @Get(':id')
  @Allow('directory.read')
  @ApiOperation({ summary: 'Read one unit' })
  @ApiOkResponse({ type: OrgUnitDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string) {
    return this.units.get(id);
  }

  @Post()
  @Allow('units.manage')
  @ApiOperation({ summary: 'Add a unit of the organisation' })
  @ApiCreatedResponse({ type: OrgUnitDto })
  @ApiProblems(400, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrgUnitDto) {
    return this.units.create(actor, dto);
  }

  @Patch(':id')
  @Allow('units.manage')
  @ApiOperation({ summary: 'Rename or move a unit' })
  @ApiIfMatch()
  @ApiOkResponse({ type: OrgUnitDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: UpdateOrgUnitDto,
    @RequiredIfMatch() version: number,
  ) {
    return this.units.update(actor, id, dto, version);
  }

  @Delete(':id')
  @Allow('units.manage')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a unit',
    description:
      'Refused (409 in-use) while sub-units are below it. A unit that cases belong to is archived ' +
      'instead, with the same answer: it leaves the list, its name is free again, and cases keep it.',
  })
  @ApiIfMatch()
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 404, 409, 412, 428)
  async remove(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @RequiredIfMatch() version: number,
  ) {
    await this.units.remove(actor, id, version);
  }
}
