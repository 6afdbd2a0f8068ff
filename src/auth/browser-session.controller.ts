import { Body, Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, Public } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { ValidationFailedError } from '../errors/domain-errors.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { AuthService, userSummary } from './auth.service.js';
import {
  SESSION_IDLE_MS,
  assertSameOriginChange,
  clearSessionCookie,
  setSessionCookie,
} from './browser-session.js';
import {
  BrowserSessionDto,
  SecondFactorSignInDto,
  SignInDto,
  SignInProblemDto,
  SignedOutEverywhereDto,
} from './dto/auth.dto.js';

type Issued = Awaited<ReturnType<AuthService['signIn']>>;

/** Sign-in and sign-out for the web app: the token goes into an HttpOnly cookie, never into the page. */
@ApiTags('auth')
@Controller('auth/session')
export class BrowserSessionController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Sign in from the web app: sets an HttpOnly session cookie (the token is not returned)',
    description:
      'Needs the header x-csrf-protection: 1 and an Origin of this site. Changes made with the cookie need the same. ' +
      'The session ends after 30 minutes without a request, or after 12 h. ' +
      'If the account has a second factor, the answer is 401 with problem type ' +
      '`urn:problem-type:second-factor-required` and a `challenge`: continue with ' +
      'POST /auth/session/second-factor.',
  })
  @ApiOkResponse({ type: BrowserSessionDto })
  @ApiProblems(400, 403, 429)
  @ApiExtraModels(SignInProblemDto)
  @ApiResponse({
    status: 401,
    description: 'Wrong e-mail or password, or a second factor is needed (then with a challenge).',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(SignInProblemDto) } } },
  })
  async signIn(
    @Body() dto: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BrowserSessionDto> {
    assertSameOriginChange(request);
    return this.open(request, reply, await this.auth.signIn(dto.email, dto.password));
  }

  @Post('second-factor')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Second step of the web sign-in: the challenge with a TOTP code or a recovery code',
    description:
      'The challenge comes from the 401 `second-factor-required` of POST /auth/session. ' +
      'Sets the session cookie like POST /auth/session; the same CSRF rules apply.',
  })
  @ApiOkResponse({ type: BrowserSessionDto })
  @ApiProblems(400, 401, 403, 429)
  async completeSignIn(
    @Body() dto: SecondFactorSignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BrowserSessionDto> {
    assertSameOriginChange(request);
    if (!dto.code === !dto.recoveryCode) {
      throw new ValidationFailedError([
        { field: 'code', message: 'send either code or recoveryCode (exactly one)' },
      ]);
    }
    const session = await this.auth.completeSignIn(dto.challenge, {
      code: dto.code,
      recoveryCode: dto.recoveryCode,
    });
    return this.open(request, reply, session);
  }

  private open(request: FastifyRequest, reply: FastifyReply, session: Issued) {
    setSessionCookie(request, reply, session.token, session.expiresAt);
    return {
      expiresAt: session.expiresAt.toISOString(),
      idleTimeoutSeconds: SESSION_IDLE_MS / 1000,
      user: userSummary(session.user),
    };
  }

  @Delete('all')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({
    summary:
      'Sign out everywhere: revokes every session of yours (API tokens stay) and this cookie',
  })
  @ApiOkResponse({ type: SignedOutEverywhereDto })
  @ApiProblems(403)
  async signOutEverywhere(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedOutEverywhereDto> {
    const revoked = await this.auth.signOutEverywhere(actor);
    clearSessionCookie(request, reply);
    return { revoked };
  }

  @Delete()
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Sign out of the web app: revokes the session and clears its cookie' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  @ApiProblems(403)
  async signOut(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.auth.signOut(actor);
    clearSessionCookie(request, reply);
  }
}
