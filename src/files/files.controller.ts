import { Controller, Get, Header, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import contentDisposition from 'content-disposition';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../access/access.decorator.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { MULTIPART_ROUTE } from '../common/json-body.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { ValidationFailedError } from '../errors/domain-errors.js';
import {
  DownloadFileQuery,
  FileDto,
  FileListDto,
  FileUploadBody,
  UploadFileQuery,
} from './dto/file.dto.js';
import { ACCEPTED_MEDIA_TYPES } from './content-type.js';
import { FilesService } from './files.service.js';
import { uploadFrom } from './upload-source.js';

const UPLOAD_BODY = {
  type: FileUploadBody,
  description:
    'multipart/form-data with one part named "file". Streamed: the size limit (FILE_MAX_BYTES) is enforced ' +
    'while it arrives, the type is decided from the content (PDF, PNG, JPEG, TIFF, HEIC, EML, plain text, ' +
    'ODT, DOCX), the SHA-256 computed on the way. Identical content is stored once.',
};

/** Documents in the case file: upload, versions, download. */
@ApiTags('files')
@Controller('cases/:caseId/files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Get()
  @Allow('cases.read')
  @ApiOperation({
    summary: 'The files of a case, each with all its versions',
    description: 'Privileged files only for roles that read legal notes.',
  })
  @ApiOkResponse({ type: FileListDto })
  @ApiProblems(400, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.files.list(actor, caseId);
  }

  @Post()
  @Allow('cases.write', 'legal.write')
  @ApiOperation({
    summary: 'Add a file to the case',
    description:
      'The board adds any file; lawyers add privileged ones. Recorded in the audit trail with its SHA-256. ' +
      'A PDF is kept as it is, active content (JavaScript) included: it is evidence; it is only ever offered ' +
      'for download, never shown inline.',
  })
  @RouteConfig(MULTIPART_ROUTE)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: FileDto })
  @ApiProblems(400, 404, 413, 415, 422)
  async upload(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @Query() query: UploadFileQuery,
    @Req() request: FastifyRequest,
  ) {
    if (!!query.partType !== !!query.partId) {
      const field = query.partType ? 'partId' : 'partType';
      throw new ValidationFailedError([
        { field, message: 'must be given with partType and partId together' },
      ]);
    }
    const file = {
      kind: query.kind,
      privileged: query.privileged === 'true',
      part: query.partType && query.partId ? { type: query.partType, id: query.partId } : null,
    };
    return this.files.upload(actor, caseId, file, await uploadFrom(request, this.files.maxBytes));
  }

  @Get(':fileId')
  @Allow('cases.read')
  @ApiOperation({ summary: 'One file with all its versions' })
  @ApiOkResponse({ type: FileDto })
  @ApiProblems(400, 404)
  get(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('fileId') fileId: string,
  ) {
    return this.files.get(actor, caseId, fileId);
  }

  @Post(':fileId/versions')
  @Allow('cases.write', 'legal.write')
  @ApiOperation({
    summary: 'Add a new version of a file (a corrected scan); earlier versions are kept',
  })
  @RouteConfig(MULTIPART_ROUTE)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: FileDto })
  @ApiProblems(400, 404, 413, 415, 422)
  async addVersion(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('fileId') fileId: string,
    @Req() request: FastifyRequest,
  ) {
    return this.files.addVersion(
      actor,
      caseId,
      fileId,
      await uploadFrom(request, this.files.maxBytes),
    );
  }

  @Get(':fileId/content')
  @Allow('cases.read')
  @ApiOperation({
    summary: 'Download a version of the file (the newest by default)',
    description:
      'Always as an attachment, with X-Content-Type-Options: nosniff and a Content-Security-Policy that ' +
      'sandboxes it: a browser never renders it inline. Recorded in the audit trail with the SHA-256.',
  })
  @ApiProduces(...ACCEPTED_MEDIA_TYPES)
  @ApiOkResponse({
    description: 'The bytes as stored, with the media type determined at upload.',
    content: Object.fromEntries(
      ACCEPTED_MEDIA_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiProblems(400, 404)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  @Header('Cache-Control', 'private, no-store')
  async download(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('fileId') fileId: string,
    @Query() query: DownloadFileQuery,
  ) {
    const { version, content } = await this.files.download(actor, caseId, fileId, query.version);
    return new StreamableFile(content, {
      type: version.mediaType,
      length: version.size,
      disposition: contentDisposition(version.originalName, { type: 'attachment' }),
    });
  }
}
