import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { requireSignedIn, type Actor } from '../access/actor.js';
import { can, type Role } from '../access/permissions.js';
import { RULES_BY_ID } from '../cases/legal-clocks/legal-clock-rules.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DEADLINES_CONFIG } from '../config/config.module.js';
import type { DeadlinesConfig } from '../config/deadlines.settings.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { NotFoundError } from '../errors/domain-errors.js';
import { renderCalendar } from './icalendar.js';
import { Mailer } from './mailer.js';
import {
  RemindersRepository,
  type FeedDeadlineRow,
  type ReminderMode,
} from './reminders.repository.js';

const LIST_LIMIT = 200;
const FEED_LIMIT = 5000;
/** Rendered feeds kept (the most recently asked for): about 0.5 kB per deadline each. */
const FEED_CACHE = 32;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Reminder settings, the user's reminders, the outbox for admins, and calendar feeds. */
@Injectable()
export class RemindersService {
  /**
   * Rendered feeds (the bytes as sent) by user, with the fingerprint of the rows they were
   * rendered from. Calendar clients fetch a feed again and again, mostly unchanged: then only
   * the fingerprint is read, computed in the database, and the stored bytes are sent.
   */
  private readonly feeds = new Map<string, { fingerprint: string; body: Buffer }>();

  constructor(
    private readonly repository: RemindersRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    @Inject(DEADLINES_CONFIG) private readonly config: DeadlinesConfig,
  ) {}

  async preferences(actor: Actor) {
    const me = requireSignedIn(actor);
    const p = await this.repository.preferences(me.userId);
    return {
      mode: p.mode,
      mailEnabled: this.mailer.enabled,
      calendarFeed: {
        active: p.calendar_token_created_at !== null,
        createdAt: p.calendar_token_created_at?.toISOString() ?? null,
      },
    };
  }

  async setMode(actor: Actor, mode: ReminderMode) {
    const me = requireSignedIn(actor);
    await this.uow.run(actor, async (m) => {
      const before = await this.repository.setMode(m, me.userId, mode);
      if (before !== mode)
        await this.audit.record(m, {
          action: 'update',
          entityType: 'reminder_preferences',
          entityId: me.userId,
          caseId: null,
          changes: { mode: { before, after: mode } },
        });
    });
    return this.preferences(actor);
  }

  async myReminders(actor: Actor) {
    const me = requireSignedIn(actor);
    const rows = await this.repository.remindersOf(me.userId, LIST_LIMIT);
    return {
      items: rows.map((r) => ({
        id: r.id,
        deadlineId: r.deadline_id,
        caseId: r.case_id,
        caseReference: r.reference,
        kind: r.kind,
        rule: r.rule,
        overdue: r.lead_minutes === 0,
        leadMinutes: r.lead_minutes,
        dueAt: r.due_at.toISOString(),
        emergency: r.emergency,
        delivery: r.delivery,
        mailStatus: r.status,
        createdAt: r.created_at.toISOString(),
      })),
    };
  }

  async outbox(status: string | undefined) {
    const rows = await this.repository.outbox(status, LIST_LIMIT);
    return {
      mailEnabled: this.mailer.enabled,
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        recipient: r.recipient,
        subject: r.subject,
        status: r.status,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at.toISOString(),
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        sentAt: r.sent_at?.toISOString() ?? null,
      })),
    };
  }

  /** A new secret feed URL (the old one stops working); the token is shown this once. */
  async createCalendarFeed(actor: Actor) {
    const me = requireSignedIn(actor);
    const token = randomBytes(32).toString('base64url');
    await this.uow.run(actor, async (m) => {
      await this.repository.setCalendarToken(m, me.userId, hashOf(token), this.clock.now());
      await this.audit.record(m, {
        action: 'token_created',
        entityType: 'calendar_feed',
        entityId: me.userId,
        caseId: null,
      });
    });
    return { url: `${this.config.appUrl}/calendar/${token}.ics` };
  }

  async revokeCalendarFeed(actor: Actor) {
    const me = requireSignedIn(actor);
    await this.uow.run(actor, async (m) => {
      await this.repository.setCalendarToken(m, me.userId, null, this.clock.now());
      await this.audit.record(m, {
        action: 'token_revoked',
        entityType: 'calendar_feed',
        entityId: me.userId,
        caseId: null,
      });
    });
  }

  /**
   * The feed behind a secret URL: every deadline the user may see. Calendar services keep copies,
   * so entries of restricted cases carry no case content, only "deadline" and a link.
   */
  async feed(file: string): Promise<Buffer> {
    const token = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(file)?.[1];
    const user = token ? await this.repository.userOfCalendarToken(hashOf(token)) : null;
    if (!user) throw new NotFoundError('calendar feed', file);
    if (!can(user.role as Role, 'cases.read')) return this.render([]);
    const cached = this.feeds.get(user.id);
    this.feeds.delete(user.id);
    const { rows, fingerprint } = await this.repository.feedDeadlines(
      user.id,
      FEED_LIMIT,
      cached?.fingerprint ?? null,
    );
    if (cached && rows === null) {
      this.feeds.set(user.id, cached);
      return cached.body;
    }
    const body = this.render(rows ?? []);
    this.feeds.set(user.id, { fingerprint, body });
    if (this.feeds.size > FEED_CACHE) this.feeds.delete(this.feeds.keys().next().value as string);
    return body;
  }

  private render(rows: FeedDeadlineRow[]): Buffer {
    const link = (caseId: string) => `${this.config.appUrl}/cases/${caseId}`;
    const text = renderCalendar({
      name: 'Fristen / Deadlines',
      timeZone: this.config.timeZone,
      events: rows.map((d) => {
        const rule = d.rule ? RULES_BY_ID.get(d.rule) : undefined;
        const url = link(d.case_id);
        return {
          uid: d.id,
          start: d.due_at,
          end: new Date(d.due_at.getTime() + 15 * 60_000),
          stamp: d.updated_at,
          summary: d.restricted
            ? 'Frist / Deadline'
            : `${d.reference}: ${rule ? rule.label.en : d.kind}${d.done_at ? ' (done)' : ''}`,
          description: d.restricted
            ? url
            : `${rule ? `${rule.label.de}\n${rule.source}\n` : ''}${url}`,
          url,
        };
      }),
    });
    return Buffer.from(text, 'utf8');
  }
}
