import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Authenticated, OpenToRestrictedSessions, Public } from '../access/access.decorator.js';
import { ValidationFailedError } from '../errors/domain-errors.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { AuthService, userSummary } from './auth.service.js';
import {
  ApiTokenDto,
  ChangePasswordDto,
  CreateApiTokenDto,
  MeDto,
  NewApiTokenDto,
  RecoveryCodesDto,
  SignInProblemDto,
  SecondFactorCodeDto,
  SecondFactorEnrolmentDto,
  SecondFactorSignInDto,
  SessionDto,
  SignInDto,
} from './dto/auth.dto.js';

@ApiTags('auth')
@ApiExtraModels(ApiTokenDto)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Sign in with e-mail and password; returns a session token (12 h)',
    description:
      'If the account has a second factor, the answer is 401 with problem type ' +
      '`urn:problem-type:second-factor-required` and a `challenge`: continue with POST /auth/sign-in/second-factor. ' +
      'Failed attempts are throttled per account and client address with growing delays (429 with Retry-After).',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 429)
  @ApiExtraModels(SignInProblemDto)
  @ApiResponse({
    status: 401,
    description: 'Wrong e-mail or password, or a second factor is needed (then with a challenge).',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(SignInProblemDto) } } },
  })
  async signIn(@Body() dto: SignInDto) {
    return this.session(await this.auth.signIn(dto.email, dto.password));
  }

  @Post('sign-in/second-factor')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Second step of sign-in: the challenge with a TOTP code or a recovery code',
    description:
      'When the account has a second factor, POST /auth/sign-in answers 401 with the problem type ' +
      '`urn:problem-type:second-factor-required` and the members `challenge` and `expiresAt` (5 minutes). ' +
      'Send that challenge here with `code` (six digits) or `recoveryCode`. A challenge allows five ' +
      'attempts; wrong codes count against the same throttle as wrong passwords.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 429)
  async completeSignIn(@Body() dto: SecondFactorSignInDto) {
    if (!dto.code === !dto.recoveryCode) {
      throw new ValidationFailedError([
        { field: 'code', message: 'send either code or recoveryCode (exactly one)' },
      ]);
    }
    return this.session(
      await this.auth.completeSignIn(dto.challenge, {
        code: dto.code,
        recoveryCode: dto.recoveryCode,
      }),
    );
  }

  private session(session: Awaited<ReturnType<AuthService['signIn']>>) {
    return {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      user: userSummary(session.user),
      requiredActions: session.requiredActions,
    };
  }

  @Post('second-factor')
  @Authenticated()
  @OpenToRestrictedSessions()
  @ApiOperation({
    summary:
      'Start enrolling a TOTP second factor: a secret and its otpauth URI (not in force until confirmed)',
  })
  @ApiCreatedResponse({ type: SecondFactorEnrolmentDto })
  @ApiProblems(409)
  startEnrolment(@CurrentActor() actor: Actor) {
    return this.auth.startEnrolment(actor);
  }

  @Post('second-factor/confirm')
  @HttpCode(200)
  @Authenticated()
  @OpenToRestrictedSessions()
  @ApiOperation({
    summary: 'Confirm the second factor with a first code; returns recovery codes, shown once',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiProblems(400, 409, 429)
  confirmEnrolment(@CurrentActor() actor: Actor, @Body() dto: SecondFactorCodeDto) {
    return this.auth.confirmEnrolment(actor, dto.code);
  }

  @Post('second-factor/recovery-codes')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({
    summary: 'New recovery codes for a current code (the old ones stop working); shown once',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiProblems(400, 409, 429)
  renewRecoveryCodes(@CurrentActor() actor: Actor, @Body() dto: SecondFactorCodeDto) {
    return this.auth.renewRecoveryCodes(actor, dto.code);
  }

  @Post('sign-out')
  @HttpCode(204)
  @Authenticated()
  @OpenToRestrictedSessions()
  @ApiOperation({ summary: 'Revoke the token of this request' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  async signOut(@CurrentActor() actor: Actor) {
    await this.auth.signOut(actor);
  }

  @Get('me')
  @Authenticated()
  @OpenToRestrictedSessions()
  @ApiOperation({
    summary:
      'The signed-in user, what the account still needs, and the last password reset by an admin',
  })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor);
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @OpenToRestrictedSessions()
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
