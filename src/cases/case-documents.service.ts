import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorCan } from '../access/actor.js';
import { AuditQueryService } from '../audit/audit-query.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../access/actor.js';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { DOCUMENTS_CONFIG } from '../config/config.module.js';
import type { DocumentsConfig } from '../config/documents.settings.js';
import type { Language } from '../i18n/languages.js';
import { auditVisibility } from '../access/case-visibility.js';
import { caseFileDocument } from './case-file.document.js';
import { CaseFileAttachmentsRepository } from './case-file-attachments.repository.js';
import { CasesService } from './cases.service.js';

/** The case file as a PDF for lawyers: the whole case and its audit history with chain hashes. */
@Injectable()
export class CaseDocumentsService {
  constructor(
    private readonly cases: CasesService,
    private readonly auditQuery: AuditQueryService,
    private readonly audit: AuditService,
    private readonly renderer: DocumentRenderer,
    private readonly dataSource: DataSource,
    private readonly attachments: CaseFileAttachmentsRepository,
    @Inject(DOCUMENTS_CONFIG) private readonly documentsConfig: DocumentsConfig,
  ) {}

  /**
   * Same rules as reading the case: restricted cases for members only, legal notes only for roles
   * that may read them (the history leaves out legal-note events for the others). Rendered to
   * Markdown before anything is sent; the audit record names who took a copy.
   */
  async caseFilePdf(actor: Actor, caseId: string, language: Language) {
    const file = await this.cases.get(actor, caseId);
    const [history, attachments] = await Promise.all([
      this.auditQuery.wholeCaseHistory(caseId, auditVisibility(actor)),
      // Privileged files, like legal notes, only for the roles that read them.
      this.attachments.list(this.dataSource.manager, caseId, actorCan(actor, 'legal.read')),
    ]);
    const request = caseFileDocument(
      file,
      history,
      language,
      this.documentsConfig.timeZone,
      this.renderer.organisation.name,
      attachments,
    );
    const markdown = this.renderer.markdown(request);
    await this.audit.recordStandalone(actor, {
      action: 'document_generated',
      entityType: 'case_file',
      entityId: caseId,
      caseId,
      details: {
        format: 'pdf',
        language,
        historyRecords: history.length,
        files: attachments.length,
      },
    });
    return { file, pdf: this.renderer.pdfFromMarkdown(markdown, request) };
  }
}
