import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { FileStore } from './file-store.js';
import { FilesController } from './files.controller.js';
import { FilesRepository } from './files.repository.js';
import { FilesService } from './files.service.js';
import { PostgresFileStore } from './postgres-file-store.js';
import { FileTextRepository } from './text/file-text.repository.js';
import { FileTextWorker } from './text/file-text.worker.js';

@Module({
  imports: [CasesModule],
  controllers: [FilesController],
  providers: [
    FilesService,
    FilesRepository,
    { provide: FileStore, useClass: PostgresFileStore },
    FileTextRepository,
    FileTextWorker,
  ],
  exports: [FilesService, FileStore, FileTextWorker, FilesRepository],
})
export class FilesModule {}
