import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { DEADLINES_CONFIG } from '../config/config.module.js';
import type { DeadlinesConfig } from '../config/deadlines.settings.js';
import { Mailer } from './mailer.js';
import { OutboxService } from './outbox.service.js';
import { ReminderScanService } from './reminder-scan.service.js';

/** Runs the reminder scan, the daily digest and the outbox every REMINDER_INTERVAL_SECONDS. */
@Injectable()
export class ReminderWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly scanner: ReminderScanService,
    private readonly outbox: OutboxService,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    @Inject(DEADLINES_CONFIG) private readonly config: DeadlinesConfig,
  ) {}

  onApplicationBootstrap() {
    if (!this.mailer.enabled)
      this.logger.warn(
        'Mail is off (no SMTP_URL): reminders are shown in the app and the API only.',
      );
    if (this.config.workerIntervalSeconds > 0) {
      this.timer = setInterval(
        () => void this.runOnce().catch((e) => this.logger.error(e)),
        this.config.workerIntervalSeconds * 1000,
      );
      this.timer.unref();
    }
  }

  async onModuleDestroy() {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.mailer.close();
  }

  /** One pass: new reminders, due digests, then the outbox. Passes never overlap in one process. */
  async runOnce(): Promise<{ reminded: number; digests: number; sent: number; failed: number }> {
    while (this.running) await this.running.catch(() => undefined);
    const pass = (async () => {
      const now = this.clock.now();
      const reminded = await this.scanner.scan(now);
      const digests = await this.scanner.digest(now);
      const { sent, failed } = await this.outbox.dispatch(() => this.clock.now());
      return { reminded, digests, sent, failed };
    })();
    this.running = pass;
    try {
      return await pass;
    } finally {
      this.running = null;
    }
  }
}
