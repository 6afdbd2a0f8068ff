import {
  Controller,
  Get,
  Header,
  Param,
  Query,
  Res,
  StreamableFile,
  type PipeTransform,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../access/access.decorator.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { ValidationFailedError } from '../errors/domain-errors.js';
import { PageImageQuery } from './dto/page-image.dto.js';
import { RedactionService } from './redaction.service.js';

const MAX_PAGE = 100_000;

/**
 * A page number in the path: a whole number from 1, else a 400 naming `page`. The global
 * validation pipe has already turned the text into a number (NaN for anything else).
 */
class PageNumberPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const n =
      typeof value === 'number' ? value : /^\d{1,6}$/.test(String(value)) ? Number(value) : NaN;
    if (!(Number.isSafeInteger(n) && n >= 1 && n <= MAX_PAGE))
      throw new ValidationFailedError([
        { field: 'page', message: `must be a whole number from 1 to ${MAX_PAGE}` },
      ]);
    return n;
  }
}

const POINTS_HEADER = {
  schema: { type: 'number' },
  description: 'In PDF points (1/72 inch), the unit of redaction rectangles.',
} as const;

/** The pages of a PDF or image file as pictures, for marking areas to redact on screen. */
@ApiTags('files')
@Controller('cases/:caseId/files/:fileId/pages')
export class PageImageController {
  constructor(private readonly redaction: RedactionService) {}

  @Get(':page')
  @Allow('cases.read')
  @ApiOperation({
    summary: 'One page of a PDF or image file as a PNG',
    description:
      'Rendered at `dpi` (default 96, at most 150, lower for very large pages). The same access as ' +
      'downloading the file, and recorded in the audit trail as a download naming the page. The headers ' +
      'give the page count and the page size in points, the unit of redaction rectangles. A page beyond ' +
      'the document is a 400 naming `page`; a file that is not a PDF or image a 400 naming `fileId`.',
  })
  @ApiParam({ name: 'page', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE } })
  @ApiProduces('image/png')
  @ApiOkResponse({
    description: 'The page as a PNG.',
    content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'X-Page-Count': { schema: { type: 'integer' }, description: 'Pages in the document.' },
      'X-Page-Width': { ...POINTS_HEADER, description: `Page width. ${POINTS_HEADER.description}` },
      'X-Page-Height': {
        ...POINTS_HEADER,
        description: `Page height. ${POINTS_HEADER.description}`,
      },
    },
  })
  @ApiProblems(400, 404, 422)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  async page(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('fileId') fileId: string,
    @Param('page', new PageNumberPipe()) page: number,
    @Query() query: PageImageQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const shown = await this.redaction.pageImage(actor, caseId, fileId, page, query);
    void reply.header('X-Page-Count', String(shown.pageCount));
    void reply.header('X-Page-Width', String(Math.round(shown.width * 100) / 100));
    void reply.header('X-Page-Height', String(Math.round(shown.height * 100) / 100));
    return new StreamableFile(shown.png, { type: 'image/png', length: shown.png.length });
  }
}
