import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { FilesModule } from '../files/files.module.js';
import { RedactionController } from './redaction.controller.js';
import { RedactionRepository } from './redaction.repository.js';
import { RedactionService } from './redaction.service.js';

@Module({
  imports: [CasesModule, FilesModule],
  controllers: [RedactionController],
  providers: [RedactionService, RedactionRepository],
})
export class RedactionModule {}
