import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEADLINES_CONFIG } from '../../config/config.module.js';
import type { DeadlinesConfig } from '../../config/deadlines.settings.js';
import { RecordsService } from '../../records/records.service.js';
import { CASE } from '../case.definition.js';
import { DEADLINE } from '../parts/deadlines/deadline.part.js';
import { GagOrder } from '../parts/gag-orders/gag-order.entity.js';
import { addDays, instantAt, localDateOf, WorkingDays } from './calendar-time.js';
import {
  LEGAL_CLOCK_RULES,
  type CaseFacts,
  type LegalClockRule,
  type Period,
} from './legal-clock-rules.js';

const HOUR_MS = 3_600_000;

/**
 * Turns the facts of a case into the deadlines the rules (legal-clock-rules.ts) demand, inside the
 * transaction that changed the facts: new ones created, moved ones updated, ones whose facts are
 * gone removed, each change through the audited record service. Deadlines a person overrode keep
 * their due time; only the rule's own figure (ruleDueAt) follows the facts.
 */
@Injectable()
export class LegalClocksService {
  private readonly workingDays: WorkingDays;
  private readonly rules: readonly LegalClockRule[];

  constructor(
    private readonly records: RecordsService,
    @Inject(DEADLINES_CONFIG) private readonly config: DeadlinesConfig,
  ) {
    this.workingDays = new WorkingDays(config.holidays.country, config.holidays.state);
    const unknown = config.internalRules.filter(
      (id) => !LEGAL_CLOCK_RULES.some((r) => r.id === id && r.optIn),
    );
    if (unknown.length)
      new Logger('LegalClocks').warn(
        `INTERNAL_DEADLINE_RULES names no internal rule: ${unknown.join(', ')}`,
      );
    this.rules = LEGAL_CLOCK_RULES.filter((r) => !r.optIn || config.internalRules.includes(r.id));
  }

  /** The rules in force here (the opt-in ones only when configured). */
  activeRules(): readonly LegalClockRule[] {
    return this.rules;
  }

  /** When a deadline counted by the period from the instant falls due. */
  dueAt(period: Period, from: Date): Date {
    const zone = this.config.timeZone;
    if ('at' in period) return from;
    if ('hours' in period) return new Date(from.getTime() + period.hours * HOUR_MS);
    const start = localDateOf(from, zone);
    const last =
      'days' in period
        ? addDays(start, period.days)
        : this.workingDays.addWorkingDays(start, period.workingDays);
    return instantAt(last, 23, 59, zone);
  }

  /** Brings the rule-made deadlines of the case in line with its facts (call inside the write's transaction). */
  async recompute(manager: EntityManager, caseId: string): Promise<void> {
    const facts = await this.facts(manager, caseId);
    if (!facts) return;
    const wanted = new Map<
      string,
      { rule: LegalClockRule; key: string; dueAt: Date; doneAt: Date | null }
    >();
    for (const rule of this.rules) {
      for (const start of rule.starts(facts)) {
        wanted.set(`${rule.id}/${start.key}`, {
          rule,
          key: start.key,
          dueAt: this.dueAt(rule.periodFor?.(facts) ?? rule.period, start.from),
          doneAt: start.doneAt ?? null,
        });
      }
    }
    const existing = await manager.query<{ id: string; rule: string; rule_key: string }[]>(
      `SELECT id, rule, rule_key FROM deadlines WHERE case_id = $1 AND rule IS NOT NULL FOR UPDATE`,
      [caseId],
    );
    const scope = { caseId };
    for (const row of existing) {
      const want = wanted.get(`${row.rule}/${row.rule_key}`);
      const current = await this.records.get(manager, DEADLINE, scope, row.id);
      if (!want) {
        // The facts are gone; a deadline already met stays as a record of it.
        if (current.doneAt === null)
          await this.records.remove(manager, DEADLINE, scope, row.id, undefined);
        continue;
      }
      wanted.delete(`${row.rule}/${row.rule_key}`);
      const overridden = current.overrideReason !== null;
      await this.records.update(
        manager,
        DEADLINE,
        scope,
        row.id,
        {
          ruleDueAt: want.dueAt,
          ...(overridden ? {} : { dueAt: want.dueAt }),
          ...(want.doneAt && current.doneAt === null ? { doneAt: want.doneAt } : {}),
        },
        undefined,
      );
    }
    for (const want of wanted.values()) {
      await this.records.create(manager, DEADLINE, {
        caseId,
        kind: want.rule.kind,
        dueAt: want.dueAt,
        doneAt: want.doneAt,
        notes: null,
        rule: want.rule.id,
        ruleKey: want.key,
        ruleDueAt: want.dueAt,
        overrideReason: null,
      });
    }
  }

  private async facts(manager: EntityManager, caseId: string): Promise<CaseFacts | null> {
    const c = await manager.findOne(CASE.entity, { where: { id: caseId } });
    if (!c) return null;
    const gags = await manager.find(GagOrder, {
      where: { caseId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return {
      requestType: c.requestType,
      emergency: c.emergency,
      receivedAt: c.receivedAt,
      restricted: c.restricted,
      embargoUntil: c.embargoUntil,
      preservationExtendedAt: c.preservationExtendedAt,
      userNotificationRequired: c.userNotificationRequired,
      userNotifiedAt: c.userNotifiedAt,
      gagOrders: gags.map((g) => ({
        id: g.id,
        reviewAt: g.reviewAt,
        until: g.until,
        liftedAt: g.liftedAt,
      })),
    };
  }
}
