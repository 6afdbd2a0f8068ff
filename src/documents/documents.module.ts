import { Module, type OnModuleInit } from '@nestjs/common';
import { DocumentRenderer } from './document-renderer.js';
import { DOCUMENTS_CONFIG } from '../config/config.module.js';
import type { DocumentsConfig } from '../config/documents.settings.js';
import { TemplateRenderer } from './template-renderer.js';

/**
 * Rendering of documents (statements, case files, transparency reports) from the Liquid templates
 * in templates/ to PDF, and of the public HTML page. Settings: ORG_NAME, ORG_ADDRESS, ORG_WEBSITE,
 * ORG_LOGO, ORG_SIGNATORIES, TEMPLATES_DIR. Every template is parsed at start-up: a broken one
 * stops the service with a message naming the file and line.
 */
@Module({
  providers: [
    {
      provide: TemplateRenderer,
      inject: [DOCUMENTS_CONFIG],
      useFactory: (config: DocumentsConfig) => new TemplateRenderer(config.templatesDir),
    },
    DocumentRenderer,
  ],
  exports: [DocumentRenderer, TemplateRenderer],
})
export class DocumentsModule implements OnModuleInit {
  constructor(private readonly templates: TemplateRenderer) {}

  onModuleInit() {
    this.templates.checkAll();
  }
}
