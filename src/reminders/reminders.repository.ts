import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ROLES, can } from '../access/permissions.js';
import { caseVisibleSql } from '../access/case-visibility.js';

export interface DueDeadlineRow {
  id: string;
  case_id: string;
  kind: string;
  rule: string | null;
  due_at: Date;
  restricted: boolean;
  emergency: boolean;
  reference: string;
  min_lead: number | null;
}

export interface RecipientRow {
  id: string;
  email: string;
  mode: 'immediate' | 'digest' | 'none';
}

export interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

export const REMINDER_MODES = ['immediate', 'digest', 'none'] as const;
export type ReminderMode = (typeof REMINDER_MODES)[number];

/** Roles that read cases at all: only they are reminded of a case's deadlines. */
const CASE_READERS = ROLES.filter((r) => can(r, 'cases.read'));

/** The SQL of reminders, the outbox and the reminder settings. */
@Injectable()
export class RemindersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Open deadlines within `leadMinutes` of their due time (or past it) not yet reminded as overdue,
   * locked; rows another worker holds are skipped, so two workers never take the same deadline.
   */
  dueDeadlines(
    m: EntityManager,
    now: Date,
    leadMinutes: number,
    limit: number,
    after: { dueAt: Date; id: string } | null,
  ): Promise<DueDeadlineRow[]> {
    return m.query(
      `SELECT d.id, d.case_id, d.kind, d.rule, d.due_at, c.restricted, c.emergency, c.reference,
              (SELECT min(r.lead_minutes) FROM deadline_reminders r WHERE r.deadline_id = d.id) AS min_lead
         FROM deadlines d JOIN cases c ON c.id = d.case_id
        WHERE d.done_at IS NULL AND d.due_at <= $1::timestamptz + make_interval(mins => $2)
          AND NOT EXISTS (SELECT 1 FROM deadline_reminders r WHERE r.deadline_id = d.id AND r.lead_minutes = 0)
          AND ($4::timestamptz IS NULL OR (d.due_at, d.id) > ($4::timestamptz, $5::uuid))
        ORDER BY d.due_at, d.id
        LIMIT $3
        FOR UPDATE OF d SKIP LOCKED`,
      [now, leadMinutes, limit, after?.dueAt ?? null, after?.id ?? null],
    );
  }

  /** Claims one stage of a deadline's reminders; false if it was claimed already. */
  async claimStage(
    m: EntityManager,
    deadlineId: string,
    lead: number,
    now: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO deadline_reminders (deadline_id, lead_minutes, created_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING deadline_id`,
      [deadlineId, lead, now],
    );
    return rows.length > 0;
  }

  /** Members of the case, and (if the case is not restricted) active users of the roles named. */
  recipients(
    m: EntityManager,
    caseId: string,
    restricted: boolean,
    roles: readonly string[],
  ): Promise<RecipientRow[]> {
    return m.query(
      `SELECT u.id, u.email, coalesce(p.mode, 'digest') AS mode
         FROM users u LEFT JOIN reminder_preferences p ON p.user_id = u.id
        WHERE u.disabled_at IS NULL AND u.role = ANY($4::text[])
          AND (EXISTS (SELECT 1 FROM case_members cm WHERE cm.case_id = $1 AND cm.user_id = u.id)
               OR (NOT $2::boolean AND u.role = ANY($3::text[])))
        ORDER BY u.id`,
      [caseId, restricted, roles, CASE_READERS],
    );
  }

  async addOutbox(
    m: EntityManager,
    mail: {
      userId: string;
      kind: 'reminder' | 'digest';
      to: string;
      subject: string;
      text: string;
    },
    now: Date,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO outbox (user_id, kind, recipient, subject, body, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
      [mail.userId, mail.kind, mail.to, mail.subject, mail.text, now],
    );
    return rows[0].id;
  }

  async addReminder(
    m: EntityManager,
    r: {
      userId: string;
      deadlineId: string;
      caseId: string;
      lead: number;
      dueAt: Date;
      emergency: boolean;
      delivery: 'immediate' | 'digest' | 'none' | 'mail_off';
      outboxId: string | null;
    },
    now: Date,
  ) {
    await m.query(
      `INSERT INTO reminders (user_id, deadline_id, case_id, lead_minutes, due_at, emergency, delivery, outbox_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [r.userId, r.deadlineId, r.caseId, r.lead, r.dueAt, r.emergency, r.delivery, r.outboxId, now],
    );
  }

  /** Digest reminders created before `before` and not yet mailed, locked (other workers skip them). */
  pendingDigest(m: EntityManager, before: Date) {
    return m.query<
      {
        id: string;
        user_id: string;
        email: string;
        case_id: string;
        kind: string;
        rule: string | null;
        due_at: Date;
        lead_minutes: number;
        restricted: boolean;
        reference: string;
      }[]
    >(
      `SELECT r.id, r.user_id, u.email, r.case_id, d.kind, d.rule, r.due_at, r.lead_minutes, c.restricted, c.reference
         FROM reminders r JOIN users u ON u.id = r.user_id
         JOIN deadlines d ON d.id = r.deadline_id JOIN cases c ON c.id = r.case_id
        WHERE r.delivery = 'digest' AND r.outbox_id IS NULL AND r.created_at < $1
        ORDER BY r.user_id, r.due_at, r.id
        FOR UPDATE OF r SKIP LOCKED`,
      [before],
    );
  }

  async markDigested(m: EntityManager, ids: string[], outboxId: string) {
    await m.query('UPDATE reminders SET outbox_id = $2 WHERE id = ANY($1::uuid[])', [
      ids,
      outboxId,
    ]);
  }

  /** Mails due for (another) attempt, locked: a mail is in one worker's hands at a time. */
  dueMail(m: EntityManager, now: Date, limit: number): Promise<OutboxRow[]> {
    return m.query(
      `SELECT id, recipient, subject, body, attempts FROM outbox
        WHERE status = 'pending' AND next_attempt_at <= $1
        ORDER BY next_attempt_at, id LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async markSent(m: EntityManager, ids: string[], now: Date) {
    if (ids.length === 0) return;
    await m.query(
      `UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL
        WHERE id = ANY($1::uuid[])`,
      [ids, now],
    );
  }

  async markFailed(
    m: EntityManager,
    id: string,
    error: string,
    nextAttemptAt: Date,
    giveUp: boolean,
  ) {
    await m.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3,
              status = CASE WHEN $4::boolean THEN 'failed' ELSE 'pending' END
        WHERE id = $1`,
      [id, error.slice(0, 1000), nextAttemptAt, giveUp],
    );
  }

  outbox(status: string | undefined, limit: number) {
    return this.dataSource.query<
      {
        id: string;
        kind: string;
        recipient: string;
        subject: string;
        status: string;
        attempts: number;
        next_attempt_at: Date;
        last_error: string | null;
        created_at: Date;
        sent_at: Date | null;
      }[]
    >(
      `SELECT id, kind, recipient, subject, status, attempts, next_attempt_at, last_error, created_at, sent_at
         FROM outbox WHERE ($1::text IS NULL OR status = $1)
        ORDER BY created_at DESC, id LIMIT $2`,
      [status ?? null, limit],
    );
  }

  /** The user's reminders, newest first, of cases they may still see. */
  remindersOf(userId: string, limit: number) {
    return this.dataSource.query<
      {
        id: string;
        deadline_id: string;
        case_id: string;
        reference: string;
        kind: string;
        rule: string | null;
        lead_minutes: number;
        due_at: Date;
        emergency: boolean;
        delivery: string;
        created_at: Date;
        status: string | null;
      }[]
    >(
      `SELECT r.id, r.deadline_id, r.case_id, c.reference, d.kind, d.rule, r.lead_minutes, r.due_at,
              r.emergency, r.delivery, r.created_at, o.status
         FROM reminders r JOIN cases c ON c.id = r.case_id JOIN deadlines d ON d.id = r.deadline_id
         LEFT JOIN outbox o ON o.id = r.outbox_id
        WHERE r.user_id = $1 AND ${caseVisibleSql('$1')}
        ORDER BY r.created_at DESC, r.id LIMIT $2`,
      [userId, limit],
    );
  }

  async preferences(userId: string) {
    const rows: { mode: ReminderMode; calendar_token_created_at: Date | null }[] =
      await this.dataSource.query(
        'SELECT mode, calendar_token_created_at FROM reminder_preferences WHERE user_id = $1',
        [userId],
      );
    return rows[0] ?? { mode: 'digest' as const, calendar_token_created_at: null };
  }

  async setMode(m: EntityManager, userId: string, mode: ReminderMode) {
    const before: { mode: string }[] = await m.query(
      'SELECT mode FROM reminder_preferences WHERE user_id = $1 FOR UPDATE',
      [userId],
    );
    await m.query(
      `INSERT INTO reminder_preferences (user_id, mode, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET mode = excluded.mode, updated_at = now()`,
      [userId, mode],
    );
    return before[0]?.mode ?? 'digest';
  }

  async setCalendarToken(m: EntityManager, userId: string, hash: string | null, now: Date) {
    await m.query(
      `INSERT INTO reminder_preferences (user_id, calendar_token_hash, calendar_token_created_at, updated_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id) DO UPDATE SET calendar_token_hash = excluded.calendar_token_hash,
         calendar_token_created_at = excluded.calendar_token_created_at, updated_at = now()`,
      [userId, hash, hash ? now : null],
    );
  }

  async userOfCalendarToken(hash: string) {
    const rows: { id: string; role: string }[] = await this.dataSource.query(
      `SELECT u.id, u.role FROM reminder_preferences p JOIN users u ON u.id = p.user_id
        WHERE p.calendar_token_hash = $1 AND u.disabled_at IS NULL`,
      [hash],
    );
    return rows[0] ?? null;
  }

  /**
   * The calendar feed's deadlines for a user, unless they are what the feed was last rendered
   * from: one query computes the fingerprint of the rows and sends the rows only when it differs
   * from `known` (rows null: unchanged, send the stored feed).
   */
  async feedDeadlines(
    userId: string,
    limit: number,
    known: string | null,
  ): Promise<{ fingerprint: string; rows: FeedDeadlineRow[] | null }> {
    const found = await this.dataSource.query<
      (Partial<FeedDeadlineRow> & { fingerprint: string })[]
    >(
      `${FEED_ROWS}, fp AS (SELECT ${FEED_FINGERPRINT} AS fingerprint FROM f)
       SELECT fp.fingerprint, f.* FROM fp LEFT JOIN f ON fp.fingerprint IS DISTINCT FROM $3
        ORDER BY f.due_at, f.id`,
      [userId, limit, known],
    );
    const fingerprint = found[0]?.fingerprint ?? '';
    if (known !== null && fingerprint === known) return { fingerprint, rows: null };
    return { fingerprint, rows: found.filter((r) => r.id) as FeedDeadlineRow[] };
  }
}

export interface FeedDeadlineRow {
  id: string;
  case_id: string;
  kind: string;
  rule: string | null;
  due_at: Date;
  done_at: Date | null;
  updated_at: Date;
  restricted: boolean;
  reference: string;
}

/** The calendar feed's rows ($1 the user, $2 the limit), as the CTE f. */
const FEED_ROWS = `WITH f AS (
  SELECT d.id, d.case_id, d.kind, d.rule, d.due_at, d.done_at, d.updated_at, c.restricted, c.reference
    FROM deadlines d JOIN cases c ON c.id = d.case_id
   WHERE ${caseVisibleSql('$1')}
   ORDER BY d.due_at, d.id LIMIT $2)`;
/** Every column of every row of f, in order, hashed ('' for none). */
const FEED_FINGERPRINT = `coalesce(md5(string_agg(f::text, ',' ORDER BY f.due_at, f.id)), '')`;
