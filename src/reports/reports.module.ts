import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportDimensionsRepository } from './report-dimensions.repository.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/**
 * Transparency reports as data (JSON, CSV, the DSA member-state orders section). Settings come
 * from REPORT_COUNTS, REPORT_BANDS, REPORT_SUPPRESS_BELOW, REPORT_HOME_COUNTRY, ORG_TIME_ZONE.
 */
@Module({
  imports: [DocumentsModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportDimensionsRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
