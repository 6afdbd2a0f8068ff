import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_CONFIG } from '../config/config.module.js';
import type { AuditConfig } from '../config/audit.settings.js';
import { AuditCheckpointer } from './checkpoint.js';
import { AuditController } from './audit.controller.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditSequencer } from './audit-sequencer.js';
import { AuditTrailService } from './audit-trail.service.js';
import { AuditVerifier } from './audit-verifier.js';
import { AuditService } from './audit.service.js';
import { AuditSigningKey, TrustedKeys, loadSigningKey, loadTrustedKeys } from './signing-key.js';

const logger = new Logger('AuditTrail');

/**
 * The tamper-evident audit trail. Global: any service injects AuditService and calls
 * record(manager, entry) inside its write transaction.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AuditSigningKey,
      inject: [AUDIT_CONFIG],
      useFactory: (config: AuditConfig) =>
        loadSigningKey(config, (message) => logger.warn(message)),
    },
    {
      provide: TrustedKeys,
      inject: [AUDIT_CONFIG, AuditSigningKey],
      useFactory: (config: AuditConfig, key: AuditSigningKey) =>
        new TrustedKeys(loadTrustedKeys(config.trustedKeys, key)),
    },
    {
      provide: AuditSequencer,
      inject: [DataSource, AUDIT_CONFIG],
      useFactory: (dataSource: DataSource, config: AuditConfig) =>
        new AuditSequencer(
          dataSource,
          {
            batchSize: 2_000,
            delayMs: config.sequenceDelayMs,
            intervalMs: config.sequenceIntervalMs,
          },
          logger,
        ),
    },
    {
      provide: AuditCheckpointer,
      inject: [DataSource, AuditSigningKey, TrustedKeys, AuditSequencer, AUDIT_CONFIG],
      useFactory: (
        dataSource: DataSource,
        key: AuditSigningKey,
        trusted: TrustedKeys,
        sequencer: AuditSequencer,
        config: AuditConfig,
      ) =>
        new AuditCheckpointer(
          dataSource,
          key,
          trusted,
          () => sequencer.run(),
          logger,
          config.checkpointIntervalMs,
        ),
    },
    {
      provide: AuditVerifier,
      inject: [DataSource, TrustedKeys],
      useFactory: (dataSource: DataSource, trusted: TrustedKeys) =>
        new AuditVerifier(dataSource, trusted),
    },
    AuditService,
    AuditQueryService,
    AuditTrailService,
  ],
  exports: [AuditService, AuditQueryService, AuditTrailService, AuditSequencer, AuditSigningKey],
})
export class AuditModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly sequencer: AuditSequencer,
    private readonly checkpointer: AuditCheckpointer,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap() {
    if (this.config.disabled)
      logger.warn('AUDIT_DISABLED is set: nothing is recorded in the audit trail.');
    this.sequencer.start();
    this.checkpointer.start();
  }

  /** Before the database closes (its module shuts down later): stop the timers, finish a run in progress. */
  async onModuleDestroy() {
    await Promise.all([this.sequencer.stop(), this.checkpointer.stop()]);
  }

  async onApplicationShutdown() {
    await this.onModuleDestroy();
  }
}
