import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { FilesModule } from '../files/files.module.js';
import { BundleController } from './bundle.controller.js';
import { BundleService } from './bundle.service.js';

@Module({
  imports: [CasesModule, FilesModule],
  controllers: [BundleController],
  providers: [BundleService],
})
export class BundleModule {}
