import { Body, Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, Public } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { AuthService, userSummary } from './auth.service.js';
import {
  SESSION_IDLE_MS,
  assertSameOriginChange,
  clearSessionCookie,
  setSessionCookie,
} from './browser-session.js';
import { BrowserSessionDto, SignInDto } from './dto/auth.dto.js';

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
      'The session ends after 30 minutes without a request, or after 12 h.',
  })
  @ApiOkResponse({ type: BrowserSessionDto })
  @ApiProblems(400, 401, 403, 429)
  async signIn(
    @Body() dto: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BrowserSessionDto> {
    assertSameOriginChange(request);
    const session = await this.auth.signIn(dto.email, dto.password);
    setSessionCookie(request, reply, session.token, session.expiresAt);
    return {
      expiresAt: session.expiresAt.toISOString(),
      idleTimeoutSeconds: SESSION_IDLE_MS / 1000,
      user: userSummary(session.user),
    };
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
