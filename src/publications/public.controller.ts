import { createHash } from 'node:crypto';
import { Controller, Get, Param, PipeTransform, Query, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import contentDisposition from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { NotFoundError, ValidationFailedError } from '../errors/domain-errors.js';
import { PublicationListDto } from './dto/publication.dto.js';
import { CONTENT_TYPES, fileName, supersededIds, toPublicationDto } from './publication.mapper.js';
import { PUBLICATION_FORMATS, type PublicationFormat } from './publications.repository.js';
import { PublicationsService } from './publications.service.js';
import { LANGUAGES } from '../i18n/languages.js';
import { portalLanguage } from './portal-text.js';
import { PortalService } from './portal.service.js';

class FormatPipe implements PipeTransform<string, PublicationFormat> {
  transform(value: string): PublicationFormat {
    if ((PUBLICATION_FORMATS as readonly string[]).includes(value))
      return value as PublicationFormat;
    throw new ValidationFailedError([
      { field: 'format', message: `must be one of: ${PUBLICATION_FORMATS.join(', ')}` },
    ]);
  }
}

/** True when If-None-Match names this ETag (or is "*"). */
function notModified(request: FastifyRequest, etag: string) {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/**
 * What anyone may read without signing in: the published statements and transparency reports, and
 * a plain HTML page listing them. Nothing else about cases is public. Files carry their SHA-256
 * as ETag (and as Repr-Digest, RFC 9530), so caches and readers can tell they got the published bytes.
 */
@ApiTags('public')
@Controller('public')
export class PublicController {
  constructor(
    private readonly publications: PublicationsService,
    private readonly renderer: DocumentRenderer,
    private readonly portal: PortalService,
  ) {}

  @Get('publications')
  @Public()
  @ApiOperation({
    summary: 'Published statements and transparency reports, newest first, every revision',
    description: 'ETag and Cache-Control: public, max-age=60; If-None-Match gives 304.',
  })
  @ApiOkResponse({ type: PublicationListDto })
  @ApiResponse({ status: 304, description: 'Not modified.' })
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const rows = await this.publications.listPublic();
    const superseded = supersededIds(rows);
    const body = JSON.stringify({
      items: rows.map((r) => toPublicationDto(r, superseded.has(r.id))),
    });
    const etag = `"${createHash('sha256').update(body).digest('hex')}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=60')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*');
    if (notModified(request, etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  }

  @Get('publications/:id/:format')
  @Public()
  @ApiOperation({
    summary: 'Download a publication as PDF, JSON or CSV: the bytes as published',
    description:
      'ETag is the SHA-256 of the file (as listed); If-None-Match gives 304. 404 for an unknown id, and for a ' +
      'statement whose case is now under a gag order or embargo.',
  })
  @ApiParam({ name: 'format', enum: PUBLICATION_FORMATS })
  @ApiProduces('application/pdf', 'application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The file.',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'application/json': { schema: { type: 'object' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 304, description: 'Not modified.' })
  @ApiProblems(400, 404)
  async file(
    @UuidParam('id') id: string,
    @Param('format', new FormatPipe()) format: PublicationFormat,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const found = await this.publications.publicFile(id, format);
    if (!found) throw new NotFoundError('publication', id);
    const { meta, content } = found;
    const sha = meta.files[format].sha256;
    const etag = `"${sha}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=300')
      // published files may be embedded or fetched by other sites (newsrooms, archives)
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*')
      .header('repr-digest', `sha-256=:${Buffer.from(sha, 'hex').toString('base64')}:`)
      .header(
        'content-disposition',
        `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${fileName(meta, format)}"`,
      );
    if (notModified(request, etag)) return reply.code(304).send();
    return reply.type(CONTENT_TYPES[format]).send(content);
  }

  @Get('publications/:id/files/:fileId')
  @Public()
  @ApiOperation({
    summary: 'Download a redacted copy published with a statement: the bytes as published',
    description:
      'Always as an attachment, with nosniff. ETag and Repr-Digest carry its SHA-256 (as listed in the ' +
      "publication's attachments); If-None-Match gives 304. 404 for an unknown id or file, a file the publication " +
      'does not include, and for a statement whose case is now under a gag order or embargo, alike.',
  })
  @ApiProduces('application/pdf', 'application/octet-stream')
  @ApiOkResponse({
    description: 'The redacted copy.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified.' })
  @ApiProblems(400, 404)
  async attachment(
    @UuidParam('id') id: string,
    @UuidParam('fileId') fileId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const etagOf = (sha: string) => `"${sha}"`;
    const found = await this.publications.publicAttachment(id, fileId, (sha) =>
      notModified(request, etagOf(sha)),
    );
    // One answer for every case the public may not know about: unknown, not included, withheld.
    if (!found) throw new NotFoundError('published file', fileId);
    const { attachment, content } = found;
    void reply
      .header('etag', etagOf(attachment.sha256))
      .header('cache-control', 'public, max-age=300')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*')
      .header('x-content-type-options', 'nosniff')
      .header(
        'repr-digest',
        `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`,
      )
      .header('content-disposition', contentDisposition(attachment.name, { type: 'attachment' }));
    if (!content) return reply.code(304).send();
    return reply
      .type(attachment.mediaType)
      .header('content-length', String(attachment.bytes))
      .send(content);
  }

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'The transparency portal: every publication with its revisions, the latest signed audit checkpoint and the warrant canary',
    description:
      'Server-rendered HTML without scripts, in German or English: `lang`, else Accept-Language, else English.',
  })
  @ApiQuery({ name: 'lang', required: false, enum: LANGUAGES })
  @ApiProduces('text/html')
  @ApiProblems(400)
  @ApiOkResponse({
    description: 'The page.',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  async page(
    @Query('lang') lang: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (lang !== undefined && !(LANGUAGES as readonly unknown[]).includes(lang))
      throw new ValidationFailedError([
        { field: 'lang', message: `must be one of: ${LANGUAGES.join(', ')}` },
      ]);
    const language = portalLanguage(lang, request.headers['accept-language']);
    const html = this.renderer.html('public-index', await this.portal.model(language));
    return reply
      .header('cache-control', 'public, max-age=60')
      .header('vary', 'Accept-Language')
      .header('content-language', language)
      .type('text/html; charset=utf-8')
      .send(html);
  }
}
