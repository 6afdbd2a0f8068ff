import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthoritiesModule } from './authorities/authorities.module.js';
import { BackupModule } from './backup/backup.module.js';
import { CasePartsModule } from './cases/parts/case-parts.module.js';
import { CasesModule } from './cases/cases.module.js';
import type { AppConfig } from './config/app-config.js';
import { ClockModule } from './common/clock.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ENTITIES } from './entities.js';
import { FilesModule } from './files/files.module.js';
import { BundleModule } from './bundle/bundle.module.js';
import { RedactionModule } from './redaction/redaction.module.js';
import { HealthModule } from './health/health.module.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { PublicationsModule } from './publications/publications.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { CanaryModule } from './canary/canary.module.js';
import { UsersModule } from './users/users.module.js';
import { UnitsModule } from './units/units.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot(ENTITIES),
        AuditModule,
        AuthModule,
        UsersModule,
        BackupModule,
        HealthModule,
        AuthoritiesModule,
        InventoryModule,
        UnitsModule,
        CasesModule,
        CasePartsModule,
        FilesModule,
        BundleModule,
        RedactionModule,
        ReportsModule,
        PublicationsModule,
        RemindersModule,
        CanaryModule,
      ],
    };
  }
}
