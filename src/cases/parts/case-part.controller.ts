import { Body, Controller, Delete, Get, HttpCode, Patch, Post, type Type } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Allow } from '../../access/access.decorator.js';
import { ApiIfMatch } from '../../common/api-if-match.js';
import { RequiredIfMatch } from '../../common/if-match.js';
import { ApiProblems } from '../../common/problem.dto.js';
import { UuidParam } from '../../common/uuid-param.js';
import { createValidationPipe } from '../../errors/validation.js';
import type { RecordData } from '../../records/record-definition.js';
import type { CasePartBase } from './case-part-base.entity.js';
import type { CasePartDefinition } from './case-part-definition.js';
import { CasePartsService } from './case-parts.service.js';
import { CurrentActor } from '../../access/actor.decorator.js';
import type { Actor } from '../../access/actor.js';

/**
 * Builds the controller for one kind of case part. The DTO classes come from the definition, so
 * the body pipe is given them explicitly (a generated class has no useful parameter types).
 */
export function casePartController<E extends CasePartBase>(
  def: CasePartDefinition<E>,
): Type<unknown> {
  const createBody = Body(createValidationPipe(def.createDto));
  const updateBody = Body(createValidationPipe(def.updateDto));

  @ApiTags(`case ${def.plural}`)
  @ApiExtraModels(def.responseDto)
  @Controller(`cases/:caseId/${def.path}`)
  class CasePartController {
    constructor(readonly parts: CasePartsService) {}

    @Get()
    @Allow(...def.read)
    @ApiOperation({ summary: `List the ${def.plural} of a case`, operationId: `list_${def.path}` })
    @ApiOkResponse({
      schema: {
        properties: { items: { type: 'array', items: { $ref: getSchemaPath(def.responseDto) } } },
      },
    })
    @ApiProblems(400, 404)
    list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
      return this.parts.list(actor, def, caseId);
    }

    @Get(':id')
    @Allow(...def.read)
    @ApiOperation({ summary: `Read one ${def.name}`, operationId: `get_${def.path}` })
    @ApiOkResponse({ type: def.responseDto })
    @ApiProblems(400, 404)
    get(
      @CurrentActor() actor: Actor,
      @UuidParam('caseId') caseId: string,
      @UuidParam('id') id: string,
    ) {
      return this.parts.get(actor, def, caseId, id);
    }

    @Post()
    @Allow(...def.write)
    @ApiOperation({ summary: `Add a ${def.name} to a case`, operationId: `create_${def.path}` })
    @ApiBody({ type: def.createDto })
    @ApiCreatedResponse({ type: def.responseDto })
    @ApiProblems(400, 404, 409, 422)
    create(
      @CurrentActor() actor: Actor,
      @UuidParam('caseId') caseId: string,
      @createBody dto: RecordData<E>,
    ) {
      return this.parts.create(actor, def, caseId, dto);
    }

    @Patch(':id')
    @Allow(...def.write)
    @ApiOperation({ summary: `Change a ${def.name}`, operationId: `update_${def.path}` })
    @ApiIfMatch()
    @ApiBody({ type: def.updateDto })
    @ApiOkResponse({ type: def.responseDto })
    @ApiProblems(400, 404, 409, 412, 422, 428)
    update(
      @CurrentActor() actor: Actor,
      @UuidParam('caseId') caseId: string,
      @UuidParam('id') id: string,
      @updateBody dto: RecordData<E>,
      @RequiredIfMatch() version: number,
    ) {
      return this.parts.update(actor, def, caseId, id, dto, version);
    }

    @Delete(':id')
    @Allow(...def.write)
    @HttpCode(204)
    @ApiOperation({
      summary: `Remove a ${def.name} recorded in error`,
      operationId: `delete_${def.path}`,
    })
    @ApiIfMatch()
    @ApiNoContentResponse({ description: 'Removed.' })
    @ApiProblems(400, 404, 409, 412, 428)
    async remove(
      @CurrentActor() actor: Actor,
      @UuidParam('caseId') caseId: string,
      @UuidParam('id') id: string,
      @RequiredIfMatch() version: number,
    ) {
      await this.parts.remove(actor, def, caseId, id, version);
    }
  }
  Object.defineProperty(CasePartController, 'name', {
    value: `${def.plural.replace(/(^|\s)(\w)/g, (_, __, c: string) => c.toUpperCase())}Controller`,
  });
  return CasePartController;
}
