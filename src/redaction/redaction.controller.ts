import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/access.decorator.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { FileDto } from '../files/dto/file.dto.js';
import { CreateRedactedCopyDto } from './dto/redaction.dto.js';
import { RedactionService } from './redaction.service.js';

@ApiTags('files')
@Controller('cases/:caseId/files/:fileId/redacted-copies')
export class RedactionController {
  constructor(private readonly redaction: RedactionService) {}

  @Post()
  @Allow('cases.write')
  @ApiOperation({
    summary: 'Make a redacted public copy of a PDF or image file',
    description:
      'Every page is rendered to an image at 150 dpi with the rectangles and the text matching the presets ' +
      'and patterns painted black, and the images become a new PDF: no text, fonts or metadata of the ' +
      'original remain. The copy is a new file of the case (not privileged), linked to its source and ' +
      'recorded in the audit trail as an upload naming the source; the original stays as it is.',
  })
  @ApiCreatedResponse({ type: FileDto })
  @ApiProblems(400, 403, 404)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('fileId') fileId: string,
    @Body() body: CreateRedactedCopyDto,
  ) {
    return this.redaction.createCopy(actor, caseId, fileId, body);
  }
}
