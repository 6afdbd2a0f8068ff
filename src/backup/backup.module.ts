import { Module } from '@nestjs/common';
import { BackupScheduler } from './backup-scheduler.js';

@Module({ providers: [BackupScheduler], exports: [BackupScheduler] })
export class BackupModule {}
