import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module.js';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';
import { DeadlinesController } from './deadlines.controller.js';
import { CaseAccessService } from './case-access.service.js';
import { CaseMembersController } from './case-members.controller.js';
import { CaseHistoryController } from './case-history.controller.js';

@Module({
  imports: [RecordsModule],
  controllers: [CasesController, DeadlinesController, CaseMembersController, CaseHistoryController],
  providers: [CasesService, CasesRepository, CaseAccessService],
  exports: [CaseAccessService],
})
export class CasesModule {}
