import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { FilesModule } from '../files/files.module.js';
import { PageImageController } from './page-image.controller.js';
import { RedactionController } from './redaction.controller.js';
import { RedactionRepository } from './redaction.repository.js';
import { RedactionService } from './redaction.service.js';

@Module({
  imports: [CasesModule, FilesModule],
  controllers: [RedactionController, PageImageController],
  providers: [RedactionService, RedactionRepository],
})
export class RedactionModule {}
