import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, Public } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { ValidationFailedError } from '../errors/domain-errors.js';
import { auditVisibility } from '../access/case-visibility.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditTrailService } from './audit-trail.service.js';
import {
  AuditChangeDto,
  AuditEventPageDto,
  CheckpointDto,
  CheckpointPageDto,
  ConsistencyProofDto,
  ConsistencyQuery,
  InclusionProofDto,
  InclusionQuery,
  ListAuditEventsQuery,
  ListCheckpointsQuery,
  PublicKeyDto,
  VerifyResultDto,
} from './dto/audit.dto.js';

/** A checkpoint size in the path: a whole number >= 1; anything else is a 400 naming the parameter. */
const SizeParam = (name: string) =>
  Param(name, {
    transform(value: string) {
      if (!/^[1-9]\d{0,15}$/.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new ValidationFailedError([{ field: name, message: 'must be a whole number >= 1' }]);
      }
      return Number(value);
    },
  });

@ApiTags('audit')
@ApiExtraModels(AuditChangeDto)
@Controller('audit')
export class AuditController {
  constructor(
    private readonly query: AuditQueryService,
    private readonly trail: AuditTrailService,
  ) {}

  @Get('events')
  @Allow('audit.read')
  @ApiOperation({
    summary:
      'The audit trail in log order: filter by case, user, action and time; cursor pagination',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: ListAuditEventsQuery) {
    return this.query.list(query, auditVisibility(actor));
  }

  @Get('verify')
  @Allow('audit.read')
  @ApiOperation({
    summary:
      'Verify the whole trail: every record against its hash, the chain, no gaps, and the signed checkpoints',
    description:
      'Always 200; `valid` says whether the trail is intact, `firstBroken` names the first record that is not.',
  })
  @ApiOkResponse({ type: VerifyResultDto })
  verify() {
    return this.trail.verify();
  }

  @Get('checkpoints')
  @Public()
  @ApiOperation({
    summary: 'The signed checkpoints, newest first, a page at a time',
    description:
      'Each as GET /audit/checkpoints/{size}. Page on with `before` = `nextBefore` of the previous page.',
  })
  @ApiOkResponse({ type: CheckpointPageDto })
  @ApiProblems(400)
  checkpoints(@Query() query: ListCheckpointsQuery) {
    return this.trail.checkpoints(query.limit ?? 20, query.before);
  }

  @Get('checkpoints/latest')
  @Public()
  @ApiOperation({
    summary: 'The latest signed checkpoint: size and Merkle root of the trail, Ed25519-signed',
    description:
      'Verify: Ed25519 signature of the UTF-8 bytes of `note` with `publicKey`. Keep it, and later ask ' +
      'GET /audit/consistency?from=<its size>&to=<a newer size> to check that the trail still extends it.',
  })
  @ApiOkResponse({ type: CheckpointDto })
  @ApiProblems(404)
  latest() {
    return this.trail.latestCheckpoint();
  }

  @Get('checkpoints/:size')
  @Public()
  @ApiOperation({ summary: 'The signed checkpoint of the given size' })
  @ApiParam({
    name: 'size',
    schema: { type: 'integer', minimum: 1 },
    description: 'Number of records the checkpoint covers.',
  })
  @ApiOkResponse({ type: CheckpointDto })
  @ApiProblems(400, 404)
  checkpoint(@SizeParam('size') size: number) {
    return this.trail.checkpointAt(size);
  }

  @Get('consistency')
  @Public()
  @ApiOperation({
    summary:
      'RFC 6962 consistency proof: the trail of `to` records extends the trail of `from` records',
    description: 'Check it against the roots of the two checkpoints (RFC 9162 section 2.1.4.2).',
  })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiProblems(400, 409)
  consistency(@Query() query: ConsistencyQuery) {
    return this.trail.consistency(query.from, query.to);
  }

  @Get('proofs/inclusion')
  @Public()
  @ApiOperation({
    summary: 'RFC 9162 inclusion proof: record `seq` is in the trail of `size` records',
    description:
      'Public: the leaf hash and the proof, to check against the root of the checkpoint of `size` ' +
      '(RFC 9162 section 2.1.3.2, leaf index seq - 1). With a token that may read the audit trail, ' +
      'and only for a record whose case the caller may see, the record itself too.',
  })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiProblems(400, 409)
  inclusion(@CurrentActor() actor: Actor, @Query() query: InclusionQuery) {
    return this.trail.inclusion(
      query.seq,
      query.size,
      actor.role && { role: actor.role, visibility: auditVisibility(actor) },
    );
  }

  @Get('public-key')
  @Public()
  @ApiOperation({ summary: 'The public key that signs the checkpoints' })
  @ApiOkResponse({ type: PublicKeyDto })
  publicKey() {
    return this.trail.publicKey();
  }
}
