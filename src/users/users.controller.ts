import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Allow } from '../access/access.decorator.js';
import { ApiIfMatch } from '../common/api-if-match.js';
import { RequiredIfMatch } from '../common/if-match.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import {
  CreateUserDto,
  SetPasswordDto,
  UpdateUserDto,
  UserDto,
  UserListItemDto,
} from './dto/user.dto.js';
import { UsersService } from './users.service.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Allow('users.manage')
  @ApiOperation({ summary: 'List users, with whether each has a second factor' })
  @ApiExtraModels(UserListItemDto)
  @ApiOkResponse({
    schema: {
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/UserListItemDto' } },
      },
    },
  })
  list() {
    return this.users.list();
  }

  @Get(':id')
  @Allow('users.manage')
  @ApiOperation({ summary: 'Read a user' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string) {
    return this.users.get(id);
  }

  @Post()
  @Allow('users.manage')
  @ApiOperation({ summary: 'Create a user with a role and an initial password' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @Allow('users.manage')
  @ApiOperation({
    summary: 'Change name or role, or disable a user (revokes their tokens at once)',
  })
  @ApiIfMatch()
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: UpdateUserDto,
    @RequiredIfMatch() version: number,
  ) {
    return this.users.update(actor, id, dto, version);
  }

  @Put(':id/password')
  @HttpCode(204)
  @Allow('users.manage')
  @ApiOperation({ summary: "Reset a user's password (revokes their tokens)" })
  @ApiNoContentResponse({ description: 'Set.' })
  @ApiProblems(400, 404)
  async setPassword(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: SetPasswordDto,
  ) {
    await this.users.setPassword(actor, id, dto.password);
  }
}
