import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorCan, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { Clock } from '../common/clock.js';
import { FILES_CONFIG } from '../config/config.module.js';
import type { FilesConfig } from '../config/files.settings.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { FileKind, FilePartType } from '../domain/vocabulary.js';
import {
  ForbiddenError,
  InvalidReferenceError,
  NotFoundError,
  ValidationFailedError,
} from '../errors/domain-errors.js';
import { detectMediaType, SNIFF_BYTES } from './content-type.js';
import type { FileDto, FileListDto, FileVersionDto } from './dto/file.dto.js';
import { EmptyFileError, FileTooLargeError } from './file-errors.js';
import { sanitiseFileName } from './file-name.js';
import { FileStore, type ContentDigest } from './file-store.js';
import { FilesRepository, type FileRow, type VersionRow } from './files.repository.js';
import { FileTextRepository } from './text/file-text.repository.js';
import { FileTextWorker } from './text/file-text.worker.js';
import type { Upload } from './upload-source.js';

export interface NewFile {
  kind: FileKind;
  privileged: boolean;
  part: { type: FilePartType; id: string } | null;
}

/** The audit trail's entity types: events of privileged files are hidden like legal notes. */
const auditType = (privileged: boolean) => (privileged ? 'privileged_file' : 'file');

/**
 * Documents in the case file. Access follows the case (restricted cases: members only, 404 for
 * everyone else); a privileged file exists only for roles that read legal notes. Files are
 * immutable: a corrected scan is a new version. Every upload, version and download is in the
 * audit trail with the content's SHA-256.
 */
@Injectable()
export class FilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly files: FilesRepository,
    private readonly store: FileStore,
    private readonly clock: Clock,
    private readonly texts: FileTextRepository,
    private readonly textWorker: FileTextWorker,
    @Inject(FILES_CONFIG) private readonly config: FilesConfig,
  ) {}

  /** The upload limit, for reading the request. */
  get maxBytes(): number {
    return this.config.maxBytes;
  }

  async upload(actor: Actor, caseId: string, file: NewFile, upload: Upload): Promise<FileDto> {
    this.requireMayWrite(actor, file.privileged);
    const fileId = await this.uow.run(actor, async (m) => {
      await this.access.requireVisible(m, actor, caseId, 'write');
      if (file.part && !(await this.files.partExists(m, caseId, file.part.type, file.part.id))) {
        throw new InvalidReferenceError('partId', `${file.part.type} part of this case`);
      }
      const stored = await this.ingest(m, upload.content);
      const now = this.clock.now();
      const id = await this.files.insertFile(m, {
        case_id: caseId,
        kind: file.kind,
        privileged: file.privileged,
        part_type: file.part?.type ?? null,
        part_id: file.part?.id ?? null,
        created_at: now,
        created_by: actor.userId,
      });
      const name = sanitiseFileName(upload.clientName);
      await this.files.insertVersion(m, this.versionRow(actor, id, stored, name, now));
      await this.audit.record(m, {
        action: 'upload',
        entityType: auditType(file.privileged),
        entityId: id,
        caseId,
        details: { version: 1, kind: file.kind, name, ...this.digestDetails(stored) },
      });
      return id;
    });
    this.textWorker.nudge();
    return this.get(actor, caseId, fileId, false);
  }

  /** A corrected scan: the next version of the file; the earlier ones stay. */
  async addVersion(actor: Actor, caseId: string, fileId: string, upload: Upload): Promise<FileDto> {
    await this.uow.run(actor, async (m) => {
      await this.access.requireVisible(m, actor, caseId, 'write');
      const file = await this.visibleFile(m, actor, caseId, fileId);
      this.requireMayWrite(actor, file.privileged);
      const stored = await this.ingest(m, upload.content);
      const name = sanitiseFileName(upload.clientName);
      const version = await this.files.insertVersion(
        m,
        this.versionRow(actor, fileId, stored, name, this.clock.now()),
      );
      await this.audit.record(m, {
        action: 'version_added',
        entityType: auditType(file.privileged),
        entityId: fileId,
        caseId,
        details: { version, kind: file.kind, name, ...this.digestDetails(stored) },
      });
    });
    this.textWorker.nudge();
    return this.get(actor, caseId, fileId, false);
  }

  async list(actor: Actor, caseId: string): Promise<FileListDto> {
    const m = this.dataSource.manager;
    await this.access.requireVisible(m, actor, caseId, 'read');
    const files = await this.files.files(m, caseId, actorCan(actor, 'legal.read'));
    const versions = await this.files.versions(
      m,
      files.map((f) => f.id),
    );
    return { items: files.map((f) => toDto(f, versions)) };
  }

  async get(actor: Actor, caseId: string, fileId: string, checkCase = true): Promise<FileDto> {
    const m = this.dataSource.manager;
    if (checkCase) await this.access.requireVisible(m, actor, caseId, 'read');
    const file = await this.visibleFile(m, actor, caseId, fileId);
    return toDto(file, await this.files.versions(m, [fileId]));
  }

  /**
   * One version's bytes (the newest by default), as a stream with backpressure. The download is
   * recorded in the audit trail, with the hash, before the first byte is sent. A read that fails
   * after that aborts the response (see FileStore.open): a client never gets a short file as whole.
   */
  async download(actor: Actor, caseId: string, fileId: string, version: number | undefined) {
    const file = await this.get(actor, caseId, fileId);
    const chosen = version
      ? file.versions.find((v) => v.version === version)
      : file.versions[file.versions.length - 1];
    if (!chosen) throw new NotFoundError('version', String(version));
    // Opened (content checked whole, first bytes read) before anything is sent or recorded.
    const content = await this.store.open(Buffer.from(chosen.sha256, 'hex'));
    try {
      await this.audit.recordStandalone(actor, {
        action: 'download',
        entityType: auditType(file.privileged),
        entityId: fileId,
        caseId,
        details: { version: chosen.version, sha256: chosen.sha256, size: chosen.size },
      });
    } catch (e) {
      content.destroy();
      throw e;
    }
    return { version: chosen, content };
  }

  private requireMayWrite(actor: Actor, privileged: boolean) {
    if (privileged ? actorCan(actor, 'legal.read') : actorCan(actor, 'cases.write')) return;
    throw new ForbiddenError(
      privileged
        ? 'Only roles that read legal notes (lawyers, board) may add privileged files.'
        : 'Only the board adds files that are not privileged; lawyers add privileged ones (privileged=true).',
    );
  }

  /** A file of the case the actor may see; a privileged one is absent for the other roles. */
  private async visibleFile(m: EntityManager, actor: Actor, caseId: string, fileId: string) {
    const file = await this.files.file(m, caseId, fileId);
    if (!file || (file.privileged && !actorCan(actor, 'legal.read'))) {
      throw new NotFoundError('file', fileId);
    }
    return file;
  }

  /**
   * Streams an upload into the store: the type is decided from the first bytes, the SHA-256 and
   * the size are computed on the way, and the limit is enforced as the bytes arrive.
   */
  private async ingest(m: EntityManager, content: AsyncIterable<Buffer>): Promise<ContentDigest> {
    const hash = createHash('sha256');
    const maxBytes = this.config.maxBytes;
    const maxPixels = this.config.maxImagePixels;
    let size = 0;
    let mediaType: string | undefined;
    let head: Buffer[] = [];
    async function* checked(): AsyncGenerator<Buffer> {
      for await (const chunk of content) {
        size += chunk.length;
        if (size > maxBytes) throw new FileTooLargeError(maxBytes);
        hash.update(chunk);
        if (mediaType !== undefined) {
          yield chunk;
          continue;
        }
        head.push(chunk);
        if (size < SNIFF_BYTES) continue;
        const start = Buffer.concat(head);
        head = [];
        mediaType = await detectMediaType(start, maxPixels);
        yield start;
      }
      if (mediaType === undefined) {
        if (size === 0) throw new EmptyFileError();
        const start = Buffer.concat(head);
        mediaType = await detectMediaType(start, maxPixels);
        yield start;
      }
    }
    let digest: ContentDigest | undefined;
    await this.store.put(m, checked(), () => {
      digest = { sha256: hash.digest(), size, mediaType: mediaType ?? '' };
      return digest;
    });
    if (!digest) throw new ValidationFailedError([{ field: 'file', message: 'was not read' }]);
    // Its text is extracted in the background, once per content.
    await this.texts.enqueue(m, digest.sha256);
    return digest;
  }

  private versionRow(
    actor: Actor,
    fileId: string,
    stored: ContentDigest,
    originalName: string,
    at: Date,
  ) {
    return {
      fileId,
      sha256: stored.sha256,
      originalName,
      uploadedAt: at,
      uploadedBy: actor.userId,
      uploadedByLabel: actor.label,
    };
  }

  private digestDetails(stored: ContentDigest) {
    return {
      sha256: stored.sha256.toString('hex'),
      size: stored.size,
      mediaType: stored.mediaType,
    };
  }
}

function versionDto(v: VersionRow): FileVersionDto {
  return {
    version: v.version,
    sha256: Buffer.from(v.sha256).toString('hex'),
    size: Number(v.size),
    mediaType: v.media_type,
    originalName: v.original_name,
    uploadedAt: new Date(v.uploaded_at).toISOString(),
    uploadedBy: v.uploaded_by_label,
  };
}

function toDto(file: FileRow, versions: VersionRow[]): FileDto {
  return {
    id: file.id,
    caseId: file.case_id,
    kind: file.kind,
    privileged: file.privileged,
    part: file.part_type && file.part_id ? { type: file.part_type, id: file.part_id } : null,
    createdAt: new Date(file.created_at).toISOString(),
    redactedFrom: file.source_file_id
      ? { fileId: file.source_file_id, version: Number(file.source_version) }
      : null,
    versions: versions.filter((v) => v.file_id === file.id).map(versionDto),
  };
}
