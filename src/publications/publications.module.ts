import { Module } from '@nestjs/common';
import { CanaryModule } from '../canary/canary.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { FilesModule } from '../files/files.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { PortalService } from './portal.service.js';
import { PublicController } from './public.controller.js';
import { PublicationsController } from './publications.controller.js';
import { PublicationsRepository } from './publications.repository.js';
import { PublicationsService } from './publications.service.js';

/** Publishing statements and reports as immutable snapshots, and the public routes that serve them. */
@Module({
  imports: [CasesModule, ReportsModule, DocumentsModule, CanaryModule, FilesModule],
  controllers: [PublicationsController, PublicController],
  providers: [PublicationsRepository, PublicationsService, PortalService],
})
export class PublicationsModule {}
