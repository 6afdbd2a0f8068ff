import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { PreparedDatabase } from '../database/data-source-options.js';
import { MEMORY_DATA_DIR } from '../database/data-source-options.js';
import { PREPARED } from '../database/database.module.js';
import { backupOpenDatabase, pruneBackups } from './backup.js';

/** What /health shows of the scheduled backups: no paths, no messages (it is public). */
export interface BackupHealth {
  status: 'off' | 'not run yet' | 'ok' | 'failing';
  lastSuccessAt: string | null;
}

/**
 * Scheduled backups by the service itself (BACKUP_DIR set): one every BACKUP_INTERVAL_MINUTES,
 * the newest BACKUP_KEEP kept. The embedded database can only be snapshotted from inside the
 * process that holds it, so this is how it is backed up while it runs. Each backup is logged; a
 * failure is an error in the log and "failing" in /health until the next success.
 */
@Injectable()
export class BackupScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Backups');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private state: BackupHealth;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(PREPARED) private readonly prepared: PreparedDatabase,
  ) {
    this.state = { status: this.enabled ? 'not run yet' : 'off', lastSuccessAt: null };
  }

  private get enabled() {
    const db = this.config.database;
    return (
      !!this.config.backup?.scheduled && !(db.kind === 'pglite' && db.dataDir === MEMORY_DATA_DIR)
    );
  }

  onApplicationBootstrap() {
    if (!this.enabled || !this.config.backup) return;
    this.timer = setInterval(
      () => void this.runOnce(),
      this.config.backup.intervalMinutes * 60_000,
    );
    this.timer.unref();
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => {});
  }

  health(): BackupHealth {
    return { ...this.state };
  }

  /** One backup now, then pruning; never throws (the outcome is logged and shown in /health). */
  async runOnce(): Promise<void> {
    const backup = this.config.backup;
    if (!backup) return;
    const run = this.running.then(async () => {
      try {
        const { file, manifest } = await backupOpenDatabase(
          this.config.database,
          this.config.audit,
          { dataSource: this.dataSource, prepared: this.prepared },
          backup.dir,
        );
        const removed = pruneBackups(backup.dir, this.config.database.kind, backup.keep);
        this.state = { status: 'ok', lastSuccessAt: manifest.createdAt };
        this.logger.log(
          `Backup written: ${file} (${manifest.bytes} bytes, SHA-256 ${manifest.sha256}, audit checkpoint at ${manifest.auditCheckpoint?.size ?? 0} records)` +
            (removed.length ? `; removed ${removed.length} older` : ''),
        );
      } catch (err) {
        this.state = { ...this.state, status: 'failing' };
        this.logger.error(`Scheduled backup into ${backup.dir} failed: ${(err as Error).message}`);
      }
    });
    this.running = run;
    return run;
  }
}
