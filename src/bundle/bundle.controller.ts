import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import contentDisposition from 'content-disposition';
import { Allow } from '../access/access.decorator.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { DocumentLanguageQuery } from '../cases/case-documents.controller.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { BundleService } from './bundle.service.js';

@ApiTags('cases')
@Controller('cases')
export class BundleController {
  constructor(private readonly bundles: BundleService) {}

  @Get(':caseId/bundle')
  @Allow('cases.read')
  @ApiOperation({
    summary: 'The case bundle: one ZIP a lawyer or a court can check offline',
    description:
      'The case file PDF (in `lang`), every version of every file the caller may see (privileged files only for ' +
      'roles that read legal notes), manifest.json with the SHA-256 of each entry, every audit record of the case ' +
      'with its RFC 9162 inclusion proof against a checkpoint signed for this bundle, and the public key. Same ' +
      'access as the case file (restricted cases: 404 for non-members). Streamed; recorded in the audit trail ' +
      '(action export, entity case_bundle) before the checkpoint is signed, so the bundle proves its own record. ' +
      'Check it with `npm run bundle:verify FILE`; the format is in the README.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: 'The ZIP archive.',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404, 503)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  async bundle(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Query() query: DocumentLanguageQuery,
  ) {
    const { reference, archive } = await this.bundles.bundle(actor, caseId, query.lang ?? 'en');
    return new StreamableFile(archive, {
      type: 'application/zip',
      disposition: contentDisposition(`case-bundle-${reference}.zip`, { type: 'attachment' }),
    });
  }
}
