import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEADLINES_CONFIG } from '../config/config.module.js';
import type { DeadlinesConfig } from '../config/deadlines.settings.js';
import { Mailer } from './mailer.js';
import { RemindersRepository } from './reminders.repository.js';

const BATCH = 50;
const MINUTE = 60_000;
const MAX_BACKOFF = 6 * 60 * MINUTE;

/** Wait before the next attempt after `attempts` failed ones: 1, 2, 4, … minutes, at most 6 hours. */
export const backoff = (attempts: number) =>
  Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF);

/**
 * Delivers the outbox. Each batch is taken with FOR UPDATE SKIP LOCKED and its rows stay locked
 * until the outcome is written, so a second instance takes other rows, never the same.
 * A crash between the server's acceptance and the commit sends that batch again (at least once).
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RemindersRepository,
    private readonly mailer: Mailer,
    @Inject(DEADLINES_CONFIG) private readonly config: DeadlinesConfig,
  ) {}

  /** Sends what is due; returns how many were sent and how many failed (this pass). */
  async dispatch(now: () => Date): Promise<{ sent: number; failed: number }> {
    const total = { sent: 0, failed: 0 };
    if (!this.mailer.enabled) return total;
    for (;;) {
      const result = await this.dataSource.transaction(async (m) => {
        const rows = await this.repository.dueMail(m, now(), BATCH);
        const outcomes = await Promise.allSettled(
          rows.map((r) => this.mailer.send({ to: r.recipient, subject: r.subject, text: r.body })),
        );
        const sent: string[] = [];
        let failed = 0;
        for (let i = 0; i < rows.length; i++) {
          const outcome = outcomes[i];
          if (outcome.status === 'fulfilled') sent.push(rows[i].id);
          else {
            failed++;
            const attempts = rows[i].attempts + 1;
            const reason =
              outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
            await this.repository.markFailed(
              m,
              rows[i].id,
              reason,
              new Date(now().getTime() + backoff(attempts)),
              attempts >= this.config.maxAttempts,
            );
          }
        }
        await this.repository.markSent(m, sent, now());
        return { taken: rows.length, sent: sent.length, failed };
      });
      total.sent += result.sent;
      total.failed += result.failed;
      if (result.taken < BATCH || result.sent === 0) return total;
    }
  }
}
