import { Module } from '@nestjs/common';
import { CasesModule } from '../cases.module.js';
import { RecordsModule } from '../../records/records.module.js';
import { casePartController } from './case-part.controller.js';
import { CASE_PARTS } from './case-parts.js';
import { CasePartsService } from './case-parts.service.js';

@Module({
  imports: [RecordsModule, CasesModule],
  controllers: CASE_PARTS.map((part) => part(casePartController)),
  providers: [CasePartsService],
  exports: [CasePartsService],
})
export class CasePartsModule {}
