import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorCan, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { Clock } from '../common/clock.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '../errors/domain-errors.js';
import type { FileDto } from '../files/dto/file.dto.js';
import { FileStore } from '../files/file-store.js';
import { FilesRepository } from '../files/files.repository.js';
import { FilesService } from '../files/files.service.js';
import type { CreateRedactedCopyDto } from './dto/redaction.dto.js';
import {
  DocumentUnreadableError,
  PAGE_DPI,
  REDACTION_PRESETS,
  RedactionInputError,
  redactToPdf,
  renderPage,
  type RenderedPage,
} from './redact.js';
import { RedactionRepository } from './redaction.repository.js';

/** What can be redacted: documents MuPDF renders page by page. */
const REDACTABLE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff']);

/** A stored file MuPDF cannot open or draw: the file is at fault, not the request. */
class UnreadableDocumentError extends DomainError {
  constructor(message: string) {
    super('document-unreadable', 422, 'Unreadable document', `The file ${message}.`, [
      { field: 'fileId', message },
    ]);
  }
}

/** The redaction engine's errors as problems: the caller's input (400) or a damaged file (422). */
function asProblem(err: unknown): unknown {
  if (err instanceof RedactionInputError)
    return new ValidationFailedError([{ field: err.field, message: err.message }]);
  if (err instanceof DocumentUnreadableError) return new UnreadableDocumentError(err.message);
  return err;
}

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of source) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * Redacted public copies: a new file of the case, made from one version of a file with the marked
 * areas burned in. The original stays as it is (internal); the copy is linked to it, recorded in
 * the audit trail like an upload (with the SHA-256, so a case bundle proves it) and names its
 * source. Only the board makes copies, and never of a privileged file.
 */
function redactableVersion(file: FileDto, wanted: number | undefined) {
  const version = wanted
    ? file.versions.find((v) => v.version === wanted)
    : file.versions[file.versions.length - 1];
  if (!version) throw new NotFoundError('version', String(wanted));
  if (!REDACTABLE.has(version.mediaType))
    throw new ValidationFailedError([
      {
        field: 'fileId',
        message: `is ${version.mediaType}: only PDF and images have pages to redact`,
      },
    ]);
  return version;
}

@Injectable()
export class RedactionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: CaseAccessService,
    private readonly files: FilesService,
    private readonly filesRepository: FilesRepository,
    private readonly store: FileStore,
    private readonly redactions: RedactionRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * One page of a file as a PNG, for marking areas on screen. The same access as downloading the
   * file, and recorded like a download (with the page): a page seen is content seen.
   */
  async pageImage(
    actor: Actor,
    caseId: string,
    fileId: string,
    pageNumber: number,
    query: { version?: number; dpi?: number },
  ): Promise<RenderedPage> {
    const file = await this.files.get(actor, caseId, fileId);
    const version = redactableVersion(file, query.version);
    const bytes = await collect(this.store.get(Buffer.from(version.sha256, 'hex')));
    let page: RenderedPage;
    try {
      page = await renderPage(bytes, version.mediaType, pageNumber, query.dpi ?? PAGE_DPI.default);
    } catch (err) {
      throw asProblem(err);
    }
    await this.audit.recordStandalone(actor, {
      action: 'download',
      entityType: file.privileged ? 'privileged_file' : 'file',
      entityId: fileId,
      caseId,
      details: { version: version.version, sha256: version.sha256, page: pageNumber },
    });
    return page;
  }

  async createCopy(
    actor: Actor,
    caseId: string,
    fileId: string,
    request: CreateRedactedCopyDto,
  ): Promise<FileDto> {
    const source = await this.files.get(actor, caseId, fileId);
    if (!actorCan(actor, 'cases.write'))
      throw new ForbiddenError('Only the board makes redacted public copies.');
    if (source.privileged)
      throw new ValidationFailedError([
        { field: 'fileId', message: 'is privileged: it has no public copy' },
      ]);
    const version = redactableVersion(source, request.version);
    const patterns = (request.patterns ?? []).map((p, i) => {
      try {
        return new RegExp(p, 'gu');
      } catch {
        throw new ValidationFailedError([
          { field: `patterns[${i}]`, message: 'is not a valid regular expression' },
        ]);
      }
    });
    for (const preset of request.presets ?? []) patterns.push(REDACTION_PRESETS[preset]);
    const rectangles = request.rectangles ?? [];
    if (!rectangles.length && !patterns.length)
      throw new ValidationFailedError([
        { field: 'rectangles', message: 'give rectangles, presets or patterns to redact' },
      ]);

    const original = await collect(this.store.get(Buffer.from(version.sha256, 'hex')));
    let result;
    try {
      result = await redactToPdf(original, version.mediaType, rectangles, patterns);
    } catch (err) {
      throw asProblem(err);
    }
    const sha256 = createHash('sha256').update(result.pdf).digest();
    const name = `${version.originalName.replace(/\.[^.]{1,5}$/, '')}-redacted.pdf`.slice(-255);
    const copyId = await this.uow.run(actor, async (m) => {
      await this.access.requireVisible(m, actor, caseId, 'write');
      const pdf = result.pdf;
      await this.store.put(
        m,
        (async function* () {
          yield pdf;
        })(),
        () => ({ sha256, size: pdf.length, mediaType: 'application/pdf' }),
      );
      const now = this.clock.now();
      const id = await this.filesRepository.insertFile(m, {
        case_id: caseId,
        kind: source.kind,
        privileged: false,
        part_type: source.part?.type ?? null,
        part_id: source.part?.id ?? null,
        created_at: now,
        created_by: actor.userId,
      });
      await this.filesRepository.insertVersion(m, {
        fileId: id,
        sha256,
        originalName: name,
        uploadedAt: now,
        uploadedBy: actor.userId,
        uploadedByLabel: actor.label,
      });
      const rules = {
        rectangles,
        presets: request.presets ?? [],
        patterns: request.patterns ?? [],
      };
      await this.redactions.insertLink(m, {
        fileId: id,
        sourceFileId: fileId,
        sourceVersion: version.version,
        rules,
      });
      await this.audit.record(m, {
        action: 'upload',
        entityType: 'file',
        entityId: id,
        caseId,
        details: {
          version: 1,
          kind: source.kind,
          name,
          sha256: sha256.toString('hex'),
          size: pdf.length,
          mediaType: 'application/pdf',
          redactedFrom: { fileId, version: version.version, sha256: version.sha256 },
          areas: result.areas,
          pages: result.pages,
        },
      });
      return id;
    });
    return this.files.get(actor, caseId, copyId);
  }
}
