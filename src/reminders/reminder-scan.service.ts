import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RULES_BY_ID } from '../cases/legal-clocks/legal-clock-rules.js';
import { instantAt, localDateOf } from '../cases/legal-clocks/calendar-time.js';
import { DEADLINES_CONFIG } from '../config/config.module.js';
import type { DeadlinesConfig } from '../config/deadlines.settings.js';
import { Mailer } from './mailer.js';
import { digestMail, reminderMail, type ReminderItem } from './reminder-mail.js';
import { RemindersRepository, type DueDeadlineRow } from './reminders.repository.js';

/** Reminder stages of a deadline without a rule: two days and two hours before. */
export const DEFAULT_LEADS: readonly number[] = [2 * 24 * 60, 120];
const MINUTE = 60_000;
const SCAN_BATCH = 500;

/** The stage a deadline is in at `now`: the smallest lead already reached (0: due or overdue). */
export function currentStage(dueAt: Date, leads: readonly number[], now: Date): number | null {
  const reached = [...leads, 0].filter((lead) => dueAt.getTime() - lead * MINUTE <= now.getTime());
  return reached.length ? Math.min(...reached) : null;
}

/**
 * Finds the deadlines whose next reminder is due and writes, in the same transaction as the stage
 * it claims, what each recipient is told: a reminder row (shown in the app) and, for those who
 * get mail now, an outbox row the sender delivers later. Nothing is sent here.
 */
@Injectable()
export class ReminderScanService {
  private readonly maxLead: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RemindersRepository,
    private readonly mailer: Mailer,
    @Inject(DEADLINES_CONFIG) private readonly config: DeadlinesConfig,
  ) {
    this.maxLead = Math.max(
      ...DEFAULT_LEADS,
      ...[...RULES_BY_ID.values()].flatMap((r) => r.remindBeforeMinutes),
    );
  }

  /** One pass; returns how many reminder stages it wrote. */
  async scan(now: Date): Promise<number> {
    let written = 0;
    let after: { dueAt: Date; id: string } | null = null;
    for (;;) {
      const batch: { rows: DueDeadlineRow[]; stages: number } = await this.dataSource.transaction(
        async (m) => {
          const rows = await this.repository.dueDeadlines(m, now, this.maxLead, SCAN_BATCH, after);
          let stages = 0;
          for (const row of rows) if (await this.remind(m, row, now)) stages++;
          return { rows, stages };
        },
      );
      written += batch.stages;
      if (batch.rows.length < SCAN_BATCH) return written;
      const last = batch.rows[batch.rows.length - 1];
      after = { dueAt: last.due_at, id: last.id };
    }
  }

  private async remind(m: EntityManager, row: DueDeadlineRow, now: Date): Promise<boolean> {
    const rule = row.rule ? RULES_BY_ID.get(row.rule) : undefined;
    const stage = currentStage(row.due_at, rule?.remindBeforeMinutes ?? DEFAULT_LEADS, now);
    if (stage === null) return false;
    if (row.min_lead !== null && row.min_lead <= stage) return false;
    if (!(await this.repository.claimStage(m, row.id, stage, now))) return false;
    const emergency = !!rule?.emergency || row.emergency || row.kind === 'emergency_production';
    const item: ReminderItem = {
      caseId: row.case_id,
      restricted: row.restricted,
      reference: row.reference,
      kind: row.kind,
      rule,
      dueAt: row.due_at,
      overdue: stage === 0,
    };
    const recipients = await this.repository.recipients(
      m,
      row.case_id,
      row.restricted,
      rule?.notifyRoles ?? [],
    );
    for (const user of recipients) {
      const delivery: 'immediate' | 'digest' | 'none' | 'mail_off' =
        user.mode === 'none'
          ? 'none'
          : !this.mailer.enabled
            ? 'mail_off'
            : user.mode === 'immediate' || emergency
              ? 'immediate'
              : 'digest';
      let outboxId: string | null = null;
      if (delivery === 'immediate') {
        const mail = reminderMail(item, this.config.timeZone, this.config.appUrl);
        outboxId = await this.repository.addOutbox(
          m,
          { userId: user.id, kind: 'reminder', to: user.email, ...mail },
          now,
        );
      }
      await this.repository.addReminder(
        m,
        {
          userId: user.id,
          deadlineId: row.id,
          caseId: row.case_id,
          lead: stage,
          dueAt: row.due_at,
          emergency,
          delivery,
          outboxId,
        },
        now,
      );
    }
    return true;
  }

  /**
   * Once the day's digest hour has come (organisation's time zone), each user with digest
   * reminders from before it gets one mail listing them. Returns the number of digests written.
   */
  async digest(now: Date): Promise<number> {
    if (!this.mailer.enabled) return 0;
    const at = instantAt(
      localDateOf(now, this.config.timeZone),
      this.config.digestHour,
      0,
      this.config.timeZone,
    );
    if (now.getTime() < at.getTime()) return 0;
    return this.dataSource.transaction(async (m) => {
      const rows = await this.repository.pendingDigest(m, at);
      const byUser = new Map<string, typeof rows>();
      for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
      for (const [userId, items] of byUser) {
        const mail = digestMail(
          items.map((r) => ({
            caseId: r.case_id,
            restricted: r.restricted,
            reference: r.reference,
            kind: r.kind,
            rule: r.rule ? RULES_BY_ID.get(r.rule) : undefined,
            dueAt: r.due_at,
            overdue: r.lead_minutes === 0,
          })),
          this.config.timeZone,
          this.config.appUrl,
        );
        const outboxId = await this.repository.addOutbox(
          m,
          { userId, kind: 'digest', to: items[0].email, ...mail },
          now,
        );
        await this.repository.markDigested(
          m,
          items.map((i) => i.id),
          outboxId,
        );
      }
      return byUser.size;
    });
  }
}
