import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CasesService } from '../cases/cases.service.js';
import { Clock } from '../common/clock.js';
import { requireSignedIn, type Actor } from '../access/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { DocumentRenderer, type DocumentRequest } from '../documents/document-renderer.js';
import { embargoInForce } from '../domain/withheld.js';
import {
  ConflictError,
  InvalidReferenceError,
  ValidationFailedError,
} from '../errors/domain-errors.js';
import { toCsv, type CsvValue } from '../reports/csv.js';
import type { ReportPeriod } from '../reports/period.js';
import { DOCUMENTS_CONFIG } from '../config/config.module.js';
import type { DocumentsConfig } from '../config/documents.settings.js';
import type { Language } from '../i18n/languages.js';
import { ReportsService } from '../reports/reports.service.js';
import { FileStore } from '../files/file-store.js';
import {
  PUBLICATION_FORMATS,
  PublicationsRepository,
  type PublicationFormat,
  type PublicationAttachment,
  type PublicationRow,
} from './publications.repository.js';
import type { CaseFileView } from '../cases/case-file.view.js';
import { attachmentUrl } from './publication.mapper.js';
import { statementModel, type StatementDraft } from './statement.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The same function over the PDF, JSON and CSV of a publication. */
function mapFiles<A, B>(
  files: Record<PublicationFormat, A>,
  f: (file: A) => B,
): Record<PublicationFormat, B> {
  return Object.fromEntries(PUBLICATION_FORMATS.map((k) => [k, f(files[k])])) as Record<
    PublicationFormat,
    B
  >;
}

/** Rows of "field,value" from a JSON document: every leaf, addressed by its path. */
export function flattenToCsv(value: unknown): string {
  const rows: CsvValue[][] = [];
  const walk = (v: unknown, path: string) => {
    if (v === null || v === undefined) rows.push([path, null]);
    else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}.${i}`));
    else if (typeof v === 'object')
      for (const [k, c] of Object.entries(v)) walk(c, path ? `${path}.${k}` : k);
    else rows.push([path, typeof v === 'number' ? v : String(v)]);
  };
  walk(value, '');
  return toCsv(['field', 'value'], rows);
}

const REVISION_NOTE: Record<Language, string> = {
  en: 'Figures updated: requests that were withheld under a gag order or publication embargo when the earlier revision was published are now included.',
  de: 'Zahlen aktualisiert: Anfragen, die bei der Veröffentlichung der früheren Revision wegen einer Schweigeanordnung oder Veröffentlichungssperre zurückgehalten wurden, sind jetzt enthalten.',
};

export interface StatementRequest extends StatementDraft {
  caseId: string;
  language: Language;
  revisionNote?: string;
  /** Redacted copies of the case's files to publish with it, in this order. */
  fileIds?: string[];
}

export interface ReportRequest {
  period: ReportPeriod;
  language: Language;
  revisionNote?: string;
  /** Exact counts or bands for this report (default: REPORT_COUNTS), and why. */
  counts?: 'exact' | 'bands';
  countsReason?: string;
}

/**
 * Publishing statements and transparency reports: each publication is an immutable snapshot of
 * its PDF, JSON and CSV, stored with their SHA-256, numbered as revisions of a series (one case's
 * statement in one language; one period's report in one language), and written to the audit
 * trail in the same transaction.
 */
@Injectable()
export class PublicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly repository: PublicationsRepository,
    private readonly cases: CasesService,
    private readonly reports: ReportsService,
    private readonly renderer: DocumentRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly fileStore: FileStore,
    @Inject(DOCUMENTS_CONFIG) private readonly documentsConfig: DocumentsConfig,
  ) {}

  // ------------------------------------------------------------------------------------------
  // Statements

  /** A statement PDF as it would be published, marked as a draft; nothing is stored. */
  async previewStatement(actor: Actor, request: StatementRequest) {
    const { document, attachments } = await this.statement(actor, request, null, null);
    const markdown = this.renderer.markdown(document);
    await this.audit.recordStandalone(actor, {
      action: 'document_generated',
      entityType: 'statement',
      entityId: null,
      caseId: request.caseId,
      details: {
        format: 'pdf',
        language: request.language,
        draft: true,
        sections: request.sections,
        attachments: auditAttachments(attachments),
      },
    });
    return this.renderer.pdfFromMarkdown(markdown, document);
  }

  async publishStatement(actor: Actor, request: StatementRequest): Promise<PublicationRow> {
    const now = this.clock.now();
    const id = randomUUID();
    const { series, revision, model, document, attachments } = await this.statement(
      actor,
      request,
      now,
      id,
    );
    const json = { ...model, organisation: this.organisation() };
    const pdf = await this.renderer.pdfBuffer(document, now);
    return this.store(actor, {
      id,
      attachments,
      kind: 'statement',
      series,
      revision,
      title: request.title,
      language: request.language,
      caseId: request.caseId,
      period: null,
      publishedAt: now,
      revisionNote: request.revisionNote ?? null,
      pdf,
      json,
      csv: flattenToCsv(json),
      audit: { sections: request.sections, attachments: auditAttachments(attachments) },
    });
  }

  /**
   * The statement's next revision: its model and document (a draft when publishedAt is null; `id`
   * is the publication's id chosen in advance, null for a draft).
   */
  private async statement(
    actor: Actor,
    request: StatementRequest,
    publishedAt: Date | null,
    id: string | null,
  ) {
    const file = await this.publishableCase(actor, request.caseId);
    const attachments = await this.attachments(request.caseId, request.fileIds ?? []);
    const series = statementSeries(request.caseId, request.language);
    const latest = await this.repository.latest(this.dataSource.manager, series);
    const revision = (latest?.revision ?? 0) + 1;
    const model = statementModel(
      file,
      request,
      request.language,
      this.documentsConfig.timeZone,
      {
        revision,
        publishedAt,
        revisionNote: request.revisionNote ?? null,
      },
      attachments.map((a) => ({ ...a, url: id && attachmentUrl(id, a.fileId) })),
    );
    return {
      series,
      revision,
      model,
      attachments,
      document: this.statementDocument(model, request.language),
    };
  }

  /**
   * The redacted copies to publish, as the case holds them: only redacted copies of this case's
   * files, never an original (it stays internal). A file of another case, or none, is an unknown
   * reference, worded as for a file that does not exist.
   */
  private async attachments(caseId: string, fileIds: string[]): Promise<PublicationAttachment[]> {
    const found = await this.repository.publishableFiles(this.dataSource.manager, caseId, fileIds);
    return fileIds.map((fileId, i) => {
      const file = found.get(fileId);
      if (!file) throw new InvalidReferenceError(`fileIds[${i}]`, 'file of this case');
      if (!file.redacted)
        throw new ValidationFailedError([
          {
            field: `fileIds[${i}]`,
            message:
              'is an original: only redacted copies are published (make one with POST /cases/{caseId}/files/{fileId}/redacted-copies)',
          },
        ]);
      return {
        fileId: file.fileId,
        version: file.version,
        name: file.name,
        kind: file.kind,
        bytes: file.bytes,
        mediaType: file.mediaType,
        sha256: file.sha256,
      };
    });
  }

  /** The case, if a statement on it may be published now: 409 while a gag or embargo is in force, or when void. */
  private async publishableCase(actor: Actor, caseId: string): Promise<CaseFileView> {
    const file = await this.cases.get(actor, caseId);
    const now = this.clock.now();
    if (file.status === 'void')
      throw new ConflictError(
        'case-void',
        'The case was recorded in error (void): nothing about it is published.',
        [{ field: 'caseId', message: 'case is void' }],
      );
    if (file.gagOrders.some((g) => g.active))
      throw new ConflictError(
        'case-withheld',
        'The case is under a gag order in force: nothing about it may be published until the gag is lifted or expires.',
        [{ field: 'caseId', message: 'case under a gag order in force' }],
      );
    if (embargoInForce(file.embargoUntil, now))
      throw new ConflictError(
        'case-withheld',
        `The case is under a publication embargo until ${file.embargoUntil}.`,
        [{ field: 'caseId', message: 'case under a publication embargo' }],
      );
    return file;
  }

  private statementDocument(
    model: ReturnType<typeof statementModel>,
    language: Language,
  ): DocumentRequest {
    const org = this.renderer.organisation.name;
    const word = language === 'de' ? 'Stellungnahme' : 'Statement';
    const state = model.document.draft
      ? language === 'de'
        ? 'ENTWURF, nicht veröffentlicht'
        : 'DRAFT, not published'
      : model.document.revised
        ? language === 'de'
          ? `Überarbeitete Fassung · Revision ${model.document.revision}`
          : `Revised version · revision ${model.document.revision}`
        : (model.document.publishedOn ?? '');
    return {
      kind: 'statement',
      language,
      model,
      timeZone: this.documentsConfig.timeZone,
      frame: {
        title: model.statement.title,
        subject: `${word} · ${org}`,
        keywords: word,
        header: {
          left: `${word} · ${org}`,
          right: state,
          rightColor: model.document.draft ? '#a31515' : undefined,
        },
        footer: `${org} · ${model.statement.title}`,
      },
    };
  }

  // ------------------------------------------------------------------------------------------
  // Transparency reports

  async publishReport(actor: Actor, request: ReportRequest): Promise<PublicationRow> {
    const { period, language } = request;
    const series = `transparency_report:${period.from.toISOString()}/${period.to.toISOString()}:${language}`;
    const now = this.clock.now();
    const report = await this.reports.transparencyReport(period, {
      language,
      now,
      counts: request.counts ? this.reports.countsPolicy(request.counts) : undefined,
      countsReason: request.countsReason,
    });
    const latest = await this.repository.latest(this.dataSource.manager, series);
    if (latest) {
      const previous = JSON.parse(
        (await this.repository.json(this.dataSource.manager, latest.id)).toString('utf8'),
      ) as {
        sections?: unknown;
        counts?: unknown;
      };
      if (
        JSON.stringify(previous.sections) === JSON.stringify(report.sections) &&
        JSON.stringify(previous.counts) === JSON.stringify(report.counts)
      )
        throw new ConflictError(
          'publication-unchanged',
          `Revision ${latest.revision} of this report, published ${latest.publishedAt.toISOString()}, has the same figures: there is nothing to revise.`,
        );
    }
    const revision = (latest?.revision ?? 0) + 1;
    const revisionNote = latest
      ? (request.revisionNote ?? REVISION_NOTE[language])
      : (request.revisionNote ?? null);
    const edition = {
      revision,
      publishedAt: now,
      replaces: latest ? { revision: latest.revision, publishedAt: latest.publishedAt } : null,
      revisionNote,
    };
    const document = await this.reports.reportDocument(report, edition);
    const checkpoint = (document.model as { checkpoint: unknown }).checkpoint;
    const pdf = await this.renderer.pdfBuffer(document, now);
    const json = {
      ...report,
      publication: {
        revision,
        revised: revision > 1,
        publishedAt: now.toISOString(),
        replaces: edition.replaces && {
          revision: edition.replaces.revision,
          publishedAt: edition.replaces.publishedAt.toISOString(),
        },
        revisionNote,
      },
      organisation: this.organisation(),
      auditCheckpoint: checkpoint,
    };
    const csv =
      this.reports.transparencyCsv(report) +
      toCsv(
        [],
        [
          ['report', 'revision', null, null, revision, null, null],
          ['report', 'published_at', null, null, now.toISOString(), null, null],
          ['report', 'revision_note', null, null, revisionNote, null, null],
        ],
      ).replace(/^\r\n/, '');
    return this.store(actor, {
      kind: 'transparency_report',
      series,
      revision,
      title: `${report.title} ${(document.model as { report: { period: string } }).report.period}`,
      language,
      caseId: null,
      period: { from: period.from, to: period.to, label: period.label },
      publishedAt: now,
      revisionNote,
      pdf,
      json,
      csv,
      audit: {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        counts: report.counts.mode,
      },
    });
  }

  // ------------------------------------------------------------------------------------------
  // Storing and reading

  private async store(
    actor: Actor,
    p: {
      id?: string;
      attachments?: PublicationAttachment[];
      kind: 'statement' | 'transparency_report';
      series: string;
      revision: number;
      title: string;
      language: Language;
      caseId: string | null;
      period: { from: Date; to: Date; label: string } | null;
      publishedAt: Date;
      revisionNote: string | null;
      pdf: Buffer;
      json: unknown;
      csv: string;
      audit: Record<string, unknown>;
    },
  ): Promise<PublicationRow> {
    const user = requireSignedIn(actor);
    const jsonBytes = Buffer.from(JSON.stringify(p.json, null, 2) + '\n', 'utf8');
    const csvBytes = Buffer.from(p.csv, 'utf8');
    const files = mapFiles({ pdf: p.pdf, json: jsonBytes, csv: csvBytes }, (bytes) => ({
      bytes,
      sha256: sha256(bytes),
    }));
    const id = p.id ?? randomUUID();
    const attachments = p.attachments ?? [];
    return this.uow.run(user, async (m) => {
      // Two boards publishing the same series at once: the unique (series, revision) key makes the
      // second a 409 instead of a silent overwrite.
      await this.repository.insert(m, {
        id,
        attachments,
        kind: p.kind,
        series: p.series,
        revision: p.revision,
        title: p.title,
        language: p.language,
        caseId: p.caseId,
        period: p.period,
        publishedAt: p.publishedAt,
        publishedBy: user.userId,
        revisionNote: p.revisionNote,
        files,
      });
      await this.audit.record(m, {
        action: 'publish',
        entityType: p.kind,
        entityId: id,
        caseId: p.caseId,
        details: {
          series: p.series,
          revision: p.revision,
          language: p.language,
          sha256: mapFiles(files, (f) => f.sha256),
          ...p.audit,
        },
      });
      return {
        id,
        kind: p.kind,
        series: p.series,
        revision: p.revision,
        title: p.title,
        language: p.language,
        caseId: p.caseId,
        periodFrom: p.period?.from ?? null,
        periodTo: p.period?.to ?? null,
        periodLabel: p.period?.label ?? null,
        publishedAt: p.publishedAt,
        revisionNote: p.revisionNote,
        files: mapFiles(files, (f) => ({ sha256: f.sha256, bytes: f.bytes.length })),
        attachments,
      };
    });
  }

  /**
   * The statements published on a case, for those who may read the case (404 otherwise, as for
   * the case itself), including those the public does not see now (gag, embargo).
   */
  async statementsOf(actor: Actor, caseId: string): Promise<PublicationRow[]> {
    await this.cases.get(actor, caseId);
    return this.repository.listForCase(this.dataSource.manager, caseId);
  }

  listPublic() {
    return this.repository.listPublic(this.dataSource.manager, this.clock.now());
  }

  publicFile(id: string, format: PublicationFormat) {
    return this.repository.publicFile(this.dataSource.manager, id, format, this.clock.now());
  }

  /**
   * A redacted copy published with a publication, as a stream, if the public may see the
   * publication now: null otherwise, exactly as for an unknown id. No stream when `cached` says
   * the reader has these bytes already (If-None-Match). Like the publication's own
   * files, a public download is not recorded in the audit trail (no one is signed in).
   */
  async publicAttachment(id: string, fileId: string, cached: (sha256: string) => boolean) {
    const attachment = await this.repository.publicAttachment(
      this.dataSource.manager,
      id,
      fileId,
      this.clock.now(),
    );
    if (!attachment) return null;
    if (cached(attachment.sha256)) return { attachment, content: null };
    const content = await this.fileStore.open(Buffer.from(attachment.sha256, 'hex'));
    return { attachment, content };
  }

  private organisation() {
    const { name, address, website } = this.renderer.organisation;
    return { name, address, website };
  }
}

/** What the audit trail keeps of the copies published with a statement: which bytes went out. */
function auditAttachments(attachments: readonly PublicationAttachment[]) {
  return attachments.map((a) => ({ fileId: a.fileId, version: a.version, sha256: a.sha256 }));
}

function statementSeries(caseId: string, language: Language) {
  return `statement:${caseId}:${language}`;
}
