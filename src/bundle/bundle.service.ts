import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ZipFile } from 'yazl';
import type { Actor } from '../access/actor.js';
import { auditVisibility } from '../access/case-visibility.js';
import { AuditQueryService } from '../audit/audit-query.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuditTrailService } from '../audit/audit-trail.service.js';
import type { AuditEventDto } from '../audit/dto/audit.dto.js';
import { CaseDocumentsService } from '../cases/case-documents.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../errors/domain-errors.js';
import { FileStore } from '../files/file-store.js';
import { FilesService } from '../files/files.service.js';
import type { Language } from '../i18n/languages.js';
import {
  BUNDLE_AUDIT_ENTITY,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  CASE_FILE_PATH,
  CHECKPOINT_PATH,
  MANIFEST_PATH,
  PUBLIC_KEY_PATH,
  RECORDS_PATH,
  filePath,
  type BundleManifest,
  type BundleRecord,
  type ManifestEntry,
} from './bundle-format.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function collect(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * The case bundle (GET /cases/{id}/bundle): the case file, every file version the caller may see,
 * every audit record of the case with its inclusion proof against a checkpoint signed for it, and
 * the public key, in one ZIP streamed as it is written. Same access as the case file: restricted
 * cases for members only (404 for everyone else), privileged files and their records only for
 * roles that read legal notes.
 *
 * The bundle's own audit record (action export, entity case_bundle: who, the case file's SHA-256,
 * every file version that went out) is written before the checkpoint is signed, so the bundle
 * carries the proof of its own taking.
 */
@Injectable()
export class BundleService {
  constructor(
    private readonly documents: CaseDocumentsService,
    private readonly files: FilesService,
    private readonly store: FileStore,
    private readonly audit: AuditService,
    private readonly auditQuery: AuditQueryService,
    private readonly trail: AuditTrailService,
    private readonly clock: Clock,
  ) {}

  async bundle(
    actor: Actor,
    caseId: string,
    language: Language,
  ): Promise<{ reference: string; archive: Readable }> {
    // Access first: both answer 404 for a case the actor may not see.
    const { file: caseFile, pdf } = await this.documents.caseFilePdf(actor, caseId, language);
    const caseFileBytes = await collect(pdf);
    const { items: files } = await this.files.list(actor, caseId);

    const versions = files.flatMap((f) =>
      f.versions.map((v) => ({
        path: filePath(f.id, v.version, v.originalName),
        role: 'file' as const,
        sha256: v.sha256,
        size: v.size,
        file: {
          id: f.id,
          kind: f.kind,
          version: v.version,
          mediaType: v.mediaType,
          originalName: v.originalName,
          uploadedAt: v.uploadedAt,
          uploadedBy: v.uploadedBy,
          privileged: f.privileged,
        },
      })),
    );
    const caseFileEntry: ManifestEntry = {
      path: CASE_FILE_PATH,
      role: 'case_file',
      sha256: sha256(caseFileBytes),
      size: caseFileBytes.length,
    };

    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      case: { id: caseFile.id, reference: caseFile.reference, title: caseFile.title },
      generatedAt: this.clock.now().toISOString(),
      generatedBy: actor.label,
      language,
      entries: [caseFileEntry, ...versions],
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');

    await this.audit.recordStandalone(actor, {
      action: 'export',
      entityType: BUNDLE_AUDIT_ENTITY,
      entityId: caseId,
      caseId,
      details: {
        format: 'zip',
        language,
        manifestSha256: sha256(manifestBytes),
        caseFileSha256: caseFileEntry.sha256,
        files: versions.map((v) => ({ id: v.file.id, version: v.file.version, sha256: v.sha256 })),
      },
    });
    const checkpoint = await this.trail.checkpoint();
    if (!checkpoint || !checkpoint.publicKey)
      throw new DomainError(
        'audit-trail-unverified',
        503,
        'Audit trail not signed',
        'No signed checkpoint covers the case’s audit records; the bundle cannot prove them.',
      );

    const history = await this.history(actor, caseId, checkpoint.size);
    const proofs = await this.trail.inclusionProofs(
      history.map((e) => e.seq),
      checkpoint.size,
    );
    const records: BundleRecord[] = history.map((e) => ({
      seq: e.seq,
      id: e.id,
      occurredAt: e.occurredAt,
      actorId: e.actorId,
      actorLabel: e.actorLabel,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      caseId: e.caseId,
      changes: e.changes,
      details: e.details,
      requestId: e.requestId,
      clientAddress: e.clientAddress,
      leafHash: e.leafHash,
      proof: proofs.get(e.seq) ?? [],
    }));
    const { publicKey, ...signed } = checkpoint;

    const zip = new ZipFile();
    const mtime = new Date(manifest.generatedAt);
    zip.addBuffer(manifestBytes, MANIFEST_PATH, { mtime });
    zip.addBuffer(caseFileBytes, CASE_FILE_PATH, { mtime, compress: false });
    for (const v of versions) {
      // Read lazily, one file after the other: only the chunk being written is held.
      zip.addReadStreamLazy(
        v.path,
        { mtime: new Date(v.file.uploadedAt), size: v.size, compress: false },
        (cb) => cb(null, Readable.from(this.store.get(Buffer.from(v.sha256, 'hex')))),
      );
    }
    zip.addBuffer(Buffer.from(JSON.stringify(records, null, 1) + '\n', 'utf8'), RECORDS_PATH, {
      mtime,
    });
    zip.addBuffer(Buffer.from(JSON.stringify(signed, null, 2) + '\n', 'utf8'), CHECKPOINT_PATH, {
      mtime,
    });
    zip.addBuffer(Buffer.from(publicKey, 'utf8'), PUBLIC_KEY_PATH, { mtime });
    zip.end();
    return { reference: caseFile.reference, archive: zip.outputStream as Readable };
  }

  /** The case's audit records the actor may see, up to the checkpoint, in log order. */
  private async history(actor: Actor, caseId: string, size: number): Promise<AuditEventDto[]> {
    const events = await this.auditQuery.wholeCaseHistory(caseId, auditVisibility(actor));
    return events.filter((e) => e.seq <= size);
  }
}
