import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Allow } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { IdField } from '../common/validators.js';
import { CaseAccessService } from './case-access.service.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';

export class AddMemberDto {
  @IdField({ description: 'The user to give access to the case.' })
  userId: string;
}

const MEMBERS_SCHEMA = {
  schema: {
    properties: {
      items: {
        type: 'array',
        items: {
          properties: {
            userId: { type: 'string', format: 'uuid' },
            email: { type: 'string' },
            displayName: { type: 'string' },
            role: { type: 'string' },
            addedAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  },
};

/** Who may see a restricted case. Every change is audited. */
@ApiTags('case members')
@Controller('cases/:caseId/members')
export class CaseMembersController {
  constructor(private readonly access: CaseAccessService) {}

  @Get()
  @Allow('cases.read')
  @ApiOperation({ summary: 'The members of a case (who can see it while it is restricted)' })
  @ApiOkResponse(MEMBERS_SCHEMA)
  @ApiProblems(400, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.access.members(actor, caseId);
  }

  @Get('candidates')
  @Allow('members.manage')
  @ApiOperation({
    summary: 'Users who could be given access: active, of a role that reads cases, not yet members',
  })
  @ApiOkResponse({
    schema: {
      properties: {
        items: {
          type: 'array',
          items: {
            properties: {
              userId: { type: 'string', format: 'uuid' },
              email: { type: 'string' },
              displayName: { type: 'string' },
              role: { type: 'string' },
            },
          },
        },
      },
    },
  })
  @ApiProblems(400, 404)
  candidates(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.access.candidates(actor, caseId);
  }

  @Post()
  @Allow('members.manage')
  @ApiOperation({ summary: 'Give a user access to the case' })
  @ApiCreatedResponse(MEMBERS_SCHEMA)
  @ApiProblems(400, 404, 409, 422)
  add(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Body() dto: AddMemberDto,
  ) {
    return this.access.add(actor, caseId, dto.userId);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Allow('members.manage')
  @ApiOperation({ summary: "Remove a user's access to the case" })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 404)
  async remove(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('userId') userId: string,
  ) {
    await this.access.remove(actor, caseId, userId);
  }
}
