import { Module } from '@nestjs/common';
import { DEADLINES_CONFIG } from '../config/config.module.js';
import type { DeadlinesConfig } from '../config/deadlines.settings.js';
import { Mailer, NoMailer, SmtpMailer } from './mailer.js';
import { OutboxService } from './outbox.service.js';
import { ReminderScanService } from './reminder-scan.service.js';
import { ReminderWorker } from './reminder-worker.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersRepository } from './reminders.repository.js';
import { RemindersService } from './reminders.service.js';

@Module({
  controllers: [RemindersController],
  providers: [
    {
      provide: Mailer,
      inject: [DEADLINES_CONFIG],
      useFactory: (config: DeadlinesConfig) =>
        config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new NoMailer(),
    },
    RemindersRepository,
    ReminderScanService,
    OutboxService,
    ReminderWorker,
    RemindersService,
  ],
  exports: [ReminderWorker, Mailer],
})
export class RemindersModule {}
