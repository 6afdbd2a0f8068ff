import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { RecordsModule } from '../records/records.module.js';
import { CaseDocumentsController } from './case-documents.controller.js';
import { CaseDocumentsService } from './case-documents.service.js';
import { CaseFileAttachmentsRepository } from './case-file-attachments.repository.js';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';
import { DeadlinesController } from './deadlines.controller.js';
import { CaseAccessService } from './case-access.service.js';
import { CaseMembersController } from './case-members.controller.js';
import { CaseHistoryController } from './case-history.controller.js';
import { LegalClocksService } from './legal-clocks/legal-clocks.service.js';

@Module({
  imports: [RecordsModule, DocumentsModule],
  controllers: [
    CasesController,
    DeadlinesController,
    CaseMembersController,
    CaseHistoryController,
    CaseDocumentsController,
  ],
  providers: [
    CasesService,
    CasesRepository,
    CaseAccessService,
    CaseDocumentsService,
    CaseFileAttachmentsRepository,
    LegalClocksService,
  ],
  exports: [CaseAccessService, CasesService, LegalClocksService, CaseDocumentsService],
})
export class CasesModule {}
