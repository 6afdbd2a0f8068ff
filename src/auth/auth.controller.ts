import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, Public } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { AuthService, userSummary } from './auth.service.js';
import {
  ApiTokenDto,
  ChangePasswordDto,
  CreateApiTokenDto,
  NewApiTokenDto,
  SessionDto,
  SignInDto,
  UserSummaryDto,
} from './dto/auth.dto.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';

@ApiTags('auth')
@ApiExtraModels(ApiTokenDto)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns a session token (12 h)' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 429)
  async signIn(@Body() dto: SignInDto) {
    const session = await this.auth.signIn(dto.email, dto.password);
    return {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      user: userSummary(session.user),
    };
  }

  @Post('sign-out')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Revoke the token of this request' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  async signOut(@CurrentActor() actor: Actor) {
    await this.auth.signOut(actor);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserSummaryDto })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor);
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Change your password; every token of yours is revoked, sign in again' })
  @ApiNoContentResponse({ description: 'Changed.' })
  @ApiProblems(400)
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto) {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Get('tokens')
  @Authenticated()
  @ApiOperation({ summary: 'Your personal API tokens' })
  @ApiOkResponse({
    schema: {
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ApiTokenDto' } } },
    },
  })
  listTokens(@CurrentActor() actor: Actor) {
    return this.auth.listApiTokens(actor);
  }

  @Post('tokens')
  @Authenticated()
  @ApiOperation({ summary: 'Create a personal API token for scripts (shown once)' })
  @ApiCreatedResponse({ type: NewApiTokenDto })
  @ApiProblems(400)
  async createToken(@CurrentActor() actor: Actor, @Body() dto: CreateApiTokenDto) {
    const issued = await this.auth.createApiToken(actor, dto.name, new Date(dto.expiresAt));
    return {
      id: issued.id,
      name: issued.name,
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
    };
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Revoke one of your API tokens' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblems(400, 404)
  async revokeToken(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    await this.auth.revokeApiToken(actor, id);
  }
}
