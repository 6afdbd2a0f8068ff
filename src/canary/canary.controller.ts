import { Controller, Get, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, Public } from '../access/access.decorator.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { ApiProblems } from '../common/problem.dto.js';
import { CanaryDto, CanaryStatusDto } from './canary.dto.js';
import { CanaryService } from './canary.service.js';

@ApiTags('canary')
@Controller()
export class CanaryController {
  constructor(private readonly canary: CanaryService) {}

  @Get('public/canary')
  @Public()
  @ApiOperation({
    summary:
      'The warrant canary, signed (CanaryTail fields); also when expired, which is its signal',
  })
  @ApiOkResponse({ type: CanaryDto })
  @ApiProblems(404)
  async published(@Res() reply: FastifyReply) {
    const body = await this.canary.published();
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(body));
  }

  @Get('public/canary.txt')
  @Public()
  @ApiOperation({ summary: 'The warrant canary as text, with the signed document and signature' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Text.',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  async text(@Res() reply: FastifyReply) {
    const body = await this.canary.publishedText();
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .type('text/plain; charset=utf-8')
      .send(body);
  }

  @Get('canary')
  @Allow('publications.publish', 'users.manage')
  @ApiOperation({ summary: 'The canary and whether it can be renewed now' })
  @ApiOkResponse({ type: CanaryStatusDto })
  status() {
    return this.canary.status();
  }

  @Post('canary/renewals')
  @Allow('publications.publish')
  @ApiOperation({
    summary:
      'Renew the canary from the records; refused (409) for everyone while a gag order is in force',
  })
  @ApiCreatedResponse({ type: CanaryDto })
  @ApiProblems(409)
  renew(@CurrentActor() actor: Actor) {
    return this.canary.renew(actor);
  }
}
