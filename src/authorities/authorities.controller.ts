import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
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
import { AuthoritiesService } from './authorities.service.js';
import { AuthorityDto, CreateAuthorityDto, UpdateAuthorityDto } from './dto/authority.dto.js';
import { ListAuthoritiesQuery } from './dto/list-authorities.query.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';

@ApiTags('authorities')
@Controller('authorities')
export class AuthoritiesController {
  constructor(private readonly authorities: AuthoritiesService) {}

  @Get()
  @Allow('directory.read')
  @ApiOperation({
    summary: 'List the directory of authorities (first 500 by name; filter to narrow)',
  })
  @ApiOkResponse({
    schema: {
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/AuthorityDto' } },
      },
    },
  })
  @ApiProblems(400)
  list(@Query() query: ListAuthoritiesQuery) {
    return this.authorities.list(query);
  }

  @Get(':id')
  @Allow('directory.read')
  @ApiOperation({ summary: 'Read one authority' })
  @ApiOkResponse({ type: AuthorityDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string) {
    return this.authorities.get(id);
  }

  @Post()
  @Allow('directory.write')
  @ApiOperation({ summary: 'Add an authority to the directory' })
  @ApiCreatedResponse({ type: AuthorityDto })
  @ApiProblems(400, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAuthorityDto) {
    return this.authorities.create(actor, dto);
  }

  @Patch(':id')
  @Allow('directory.write')
  @ApiOperation({ summary: 'Change an authority' })
  @ApiIfMatch()
  @ApiOkResponse({ type: AuthorityDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: UpdateAuthorityDto,
    @RequiredIfMatch() version: number,
  ) {
    return this.authorities.update(actor, id, dto, version);
  }

  @Delete(':id')
  @Allow('directory.write')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an authority from the directory',
    description:
      'Deleted, or archived while a case still refers to it (kept in that case file); the answer is the same.',
  })
  @ApiIfMatch()
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 404, 412, 428)
  async remove(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @RequiredIfMatch() version: number,
  ) {
    await this.authorities.remove(actor, id, version);
  }
}
