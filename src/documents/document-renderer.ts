import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { Language } from '../i18n/languages.js';
import { DOCUMENTS_CONFIG } from '../config/config.module.js';
import { type DocumentsConfig } from '../config/documents.settings.js';
import { formatDate } from '../i18n/format.js';
import { renderPdf, renderPdfBuffer, type PdfFrame } from './pdf-renderer.js';
import { TemplateRenderer } from './template-renderer.js';

/** The documents there are templates for: templates/<document>.<language>.md.liquid. */
export type DocumentKind = 'statement' | 'case-file' | 'transparency-report';

export interface DocumentRequest {
  kind: DocumentKind;
  language: Language;
  /** What the template sees besides `organisation`, `signatories` and `generated`. */
  model: Record<string, unknown>;
  /** Time zone of the dates printed by the model's builder; named in `generated`. */
  timeZone: string;
  frame: Omit<PdfFrame, 'author' | 'language' | 'createdAt' | 'logo'> & { logo?: boolean };
}

/**
 * Templates to Markdown to PDF. The organisation's name, address, logo and signatories (from
 * ORG_* settings) are in every template's model; the rest is the caller's.
 */
@Injectable()
export class DocumentRenderer {
  constructor(
    @Inject(DOCUMENTS_CONFIG) private readonly config: DocumentsConfig,
    private readonly templates: TemplateRenderer,
    private readonly clock: Clock,
  ) {}

  get organisation() {
    return this.config.organisation;
  }

  /** The Markdown of a document: template errors surface here, before anything is sent. */
  markdown(request: DocumentRequest, generatedAt = this.clock.now()): string {
    const { name, address, website } = this.config.organisation;
    return this.templates.render(
      TemplateRenderer.documentTemplate(request.kind, request.language),
      {
        ...request.model,
        organisation: { name, address, website },
        signatories: this.config.signatories,
        generated: {
          at: generatedAt.toISOString(),
          on: formatDate(generatedAt, request.language, request.timeZone),
          timeZone: request.timeZone,
        },
      },
    );
  }

  /**
   * A PDF stream (for responses: nothing is held but the page being written) of Markdown already
   * rendered by markdown(), so that template errors surface before anything is sent.
   */
  pdfFromMarkdown(markdown: string, request: DocumentRequest, generatedAt = this.clock.now()) {
    return renderPdf(markdown, this.frame(request, generatedAt));
  }

  /** The PDF as bytes (for snapshots that are stored and hashed). */
  pdfBuffer(request: DocumentRequest, generatedAt = this.clock.now()): Promise<Buffer> {
    return renderPdfBuffer(this.markdown(request, generatedAt), this.frame(request, generatedAt));
  }

  /** An HTML page from templates/<name>.html.liquid (values HTML-escaped). */
  html(name: string, model: Record<string, unknown>): string {
    const { name: orgName, address, website } = this.config.organisation;
    return this.templates.render(`${name}.html.liquid`, {
      ...model,
      organisation: { name: orgName, address, website },
    });
  }

  private frame(request: DocumentRequest, generatedAt: Date): PdfFrame {
    const { logo, ...frame } = request.frame;
    return {
      ...frame,
      author: this.config.organisation.name,
      language: request.language,
      createdAt: generatedAt,
      logo: logo === false ? null : this.config.organisation.logo,
    };
  }
}
