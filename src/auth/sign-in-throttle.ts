import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../access/actor.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { UnitOfWork } from '../database/unit-of-work.js';

/** Failures of one account from one address before delays start. */
export const PAIR_FREE_FAILURES = 5;
/** The first delay; each further failure doubles it, up to PAIR_MAX_DELAY_S. */
const PAIR_FIRST_DELAY_S = 15;
const PAIR_MAX_DELAY_S = 15 * 60;
/** A pair's failures are forgotten after a day without one (or at its next success). */
const PAIR_MEMORY_MS = 24 * 3600_000;
/** Failures for unknown accounts from one address, per window. */
export const ADDRESS_MAX_FAILURES = 20;
const ADDRESS_WINDOW_MS = 15 * 60_000;
/** A successful sign-in from an address exempts that account there from the address limit. */
const KNOWN_PAIR_MS = 90 * 24 * 3600_000;
/** The first failure of a window is audited on its own; the rest of the window in one summary. */
export const AUDIT_WINDOW_MS = 15 * 60_000;
const SWEEP_INTERVAL_MS = 60_000;

export interface Refusal {
  retryAfterSeconds: number;
  /** Which limit refused: the account from this address, or the address for accounts it never signed in to. */
  limit: 'pair' | 'address';
}

interface Row {
  key: string;
  failures: number;
  last_failure_at: Date;
  window_started_at: Date;
  blocked_until: Date | null;
  audit_window_started_at: Date | null;
  unaudited_failures: number;
  unaudited_refusals: number;
}

const pairKey = (email: string, address: string | null) => `pair:${email} ${address ?? '-'}`;
const knownKey = (email: string, address: string | null) => `known:${email} ${address ?? '-'}`;
const addressKey = (address: string) => `address:${address}`;

/**
 * Failed sign-ins, throttled per account-and-address pair with growing delays (so that nobody can
 * lock an account for its owner elsewhere), plus a per-address limit on failures for unknown
 * accounts. The state lives in the database, so every service instance enforces one limit.
 *
 * Auditing is aggregated per key and window: the first failure (or refusal) of a window is audited
 * on its own, later ones are counted and written as one `sign_in_failures_summarised` event when
 * the window has closed, so that an attack is never lost and never floods the trail.
 */
@Injectable()
export class SignInThrottle implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SignInThrottle');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.timer = setInterval(() => {
      this.sweeping = this.sweep().catch((e: unknown) =>
        this.logger.warn(`sweep failed: ${String(e)}`),
      );
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy() {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Why an attempt for `email` from `address` must wait now, or null. Read-only. */
  async check(email: string, address: string | null): Promise<Refusal | null> {
    const now = this.clock.now();
    const keys = [
      pairKey(email, address),
      ...(address ? [addressKey(address), knownKey(email, address)] : []),
    ];
    const rows: Row[] = await this.dataSource.query(
      'SELECT * FROM sign_in_throttle WHERE key = ANY($1)',
      [keys],
    );
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const wait = (row: Row | undefined) =>
      row?.blocked_until && row.blocked_until > now
        ? Math.max(1, Math.ceil((row.blocked_until.getTime() - now.getTime()) / 1000))
        : 0;
    const pairWait = wait(byKey.get(pairKey(email, address)));
    if (pairWait) return { retryAfterSeconds: pairWait, limit: 'pair' };
    if (!address) return null;
    const known = byKey.get(knownKey(email, address));
    const isKnown = !!known && now.getTime() - known.last_failure_at.getTime() < KNOWN_PAIR_MS;
    const addressWait = isKnown ? 0 : wait(byKey.get(addressKey(address)));
    return addressWait ? { retryAfterSeconds: addressWait, limit: 'address' } : null;
  }

  /**
   * Records a failed attempt (wrong password, unknown account, wrong second factor): grows the
   * pair's delay, counts unknown accounts against the address, and audits in aggregate.
   */
  async recordFailure(
    email: string,
    address: string | null,
    details: { reason: string; accountKnown: boolean },
  ): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(SYSTEM_ACTOR, async (m) => {
      const entries: AuditEntry[] = [];
      const pair = await this.lock(m, pairKey(email, address), now);
      if (now.getTime() - pair.last_failure_at.getTime() > PAIR_MEMORY_MS) pair.failures = 0;
      pair.failures += 1;
      pair.last_failure_at = now;
      pair.blocked_until =
        pair.failures < PAIR_FREE_FAILURES
          ? null
          : new Date(now.getTime() + pairDelaySeconds(pair.failures) * 1000);
      const individual = this.countForAudit(pair, now, 'failure', entries);
      if (individual) entries.push(failedEntry(email, details.reason));
      await this.save(m, pair);
      if (address && !details.accountKnown) {
        const row = await this.lock(m, addressKey(address), now);
        if (now.getTime() - row.window_started_at.getTime() >= ADDRESS_WINDOW_MS) {
          row.window_started_at = now;
          row.failures = 0;
        }
        row.failures += 1;
        row.last_failure_at = now;
        row.blocked_until =
          row.failures >= ADDRESS_MAX_FAILURES
            ? new Date(row.window_started_at.getTime() + ADDRESS_WINDOW_MS)
            : null;
        await this.save(m, row);
      }
      await this.audit.recordMany(m, entries);
    });
  }

  /** Records an attempt refused by `refusal` without looking at the password: counted, audited in aggregate. */
  async recordRefusal(email: string, address: string | null, refusal: Refusal): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(SYSTEM_ACTOR, async (m) => {
      const entries: AuditEntry[] = [];
      const key =
        refusal.limit === 'pair' || !address ? pairKey(email, address) : addressKey(address);
      const row = await this.lock(m, key, now);
      const individual = this.countForAudit(row, now, 'refusal', entries);
      if (individual) entries.push(failedEntry(email, 'rate_limited', { limit: refusal.limit }));
      await this.save(m, row);
      await this.audit.recordMany(m, entries);
    });
  }

  /** A complete sign-in: the pair starts afresh and the account is known at this address. */
  async recordSuccess(email: string, address: string | null): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(SYSTEM_ACTOR, async (m) => {
      // Audit counters stay: the window's summary is still due.
      await m.query(
        'UPDATE sign_in_throttle SET failures = 0, blocked_until = NULL WHERE key = $1',
        [pairKey(email, address)],
      );
      if (address) {
        // For a known pair, last_failure_at holds the last success.
        await m.query(
          `INSERT INTO sign_in_throttle (key, failures, last_failure_at, window_started_at)
           VALUES ($1, 0, $2, $2) ON CONFLICT (key) DO UPDATE SET last_failure_at = EXCLUDED.last_failure_at`,
          [knownKey(email, address), now],
        );
      }
    });
  }

  /**
   * Writes the summaries of audit windows that have closed and forgets state nobody needs any
   * more. Runs every minute in each instance; row locks make each summary be written once.
   */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const closed = new Date(now.getTime() - AUDIT_WINDOW_MS);
    const written = await this.uow.run(SYSTEM_ACTOR, async (m) => {
      const rows: Row[] = await m.query(
        `SELECT * FROM sign_in_throttle
          WHERE unaudited_failures + unaudited_refusals > 0 AND audit_window_started_at <= $1
          ORDER BY key LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [closed],
      );
      const entries: AuditEntry[] = [];
      for (const row of rows) {
        entries.push(summaryEntry(row, now));
        row.audit_window_started_at = null;
        row.unaudited_failures = 0;
        row.unaudited_refusals = 0;
        await this.save(m, row);
      }
      await this.audit.recordMany(m, entries);
      return entries.length;
    });
    // Forget what no limit needs any more: failures after a day, known addresses after 90 days.
    await this.dataSource.query(
      `DELETE FROM sign_in_throttle
        WHERE unaudited_failures + unaudited_refusals = 0
          AND (blocked_until IS NULL OR blocked_until < $1)
          AND last_failure_at < CASE WHEN key LIKE 'known:%' THEN $2::timestamptz ELSE $3::timestamptz END`,
      [now, new Date(now.getTime() - KNOWN_PAIR_MS), new Date(now.getTime() - PAIR_MEMORY_MS)],
    );
    return written;
  }

  /**
   * Counts an attempt in the row's audit window; returns true when it is the window's first and
   * must be audited on its own. A window that has closed is summarised first.
   */
  private countForAudit(
    row: Row,
    now: Date,
    kind: 'failure' | 'refusal',
    entries: AuditEntry[],
  ): boolean {
    if (
      row.audit_window_started_at &&
      now.getTime() - row.audit_window_started_at.getTime() >= AUDIT_WINDOW_MS
    ) {
      if (row.unaudited_failures + row.unaudited_refusals > 0) entries.push(summaryEntry(row, now));
      row.audit_window_started_at = null;
      row.unaudited_failures = 0;
      row.unaudited_refusals = 0;
    }
    if (!row.audit_window_started_at) {
      row.audit_window_started_at = now;
      return true;
    }
    if (kind === 'failure') row.unaudited_failures += 1;
    else row.unaudited_refusals += 1;
    return false;
  }

  private async lock(m: EntityManager, key: string, now: Date): Promise<Row> {
    await m.query(
      `INSERT INTO sign_in_throttle (key, failures, last_failure_at, window_started_at)
       VALUES ($1, 0, $2, $2) ON CONFLICT (key) DO NOTHING`,
      [key, now],
    );
    const rows: Row[] = await m.query('SELECT * FROM sign_in_throttle WHERE key = $1 FOR UPDATE', [
      key,
    ]);
    return rows[0];
  }

  private async save(m: EntityManager, row: Row): Promise<void> {
    await m.query(
      `UPDATE sign_in_throttle SET failures = $2, last_failure_at = $3, window_started_at = $4,
         blocked_until = $5, audit_window_started_at = $6, unaudited_failures = $7, unaudited_refusals = $8
       WHERE key = $1`,
      [
        row.key,
        row.failures,
        row.last_failure_at,
        row.window_started_at,
        row.blocked_until,
        row.audit_window_started_at,
        row.unaudited_failures,
        row.unaudited_refusals,
      ],
    );
  }
}

/** Seconds an account-and-address pair waits after its n-th consecutive failure. */
export function pairDelaySeconds(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_FIRST_DELAY_S * 2 ** (failures - PAIR_FREE_FAILURES), PAIR_MAX_DELAY_S);
}

function failedEntry(
  email: string,
  reason: string,
  extra: Record<string, unknown> = {},
): AuditEntry {
  return {
    action: 'sign_in_failed',
    entityType: 'user',
    entityId: null,
    caseId: null,
    details: { email, reason, ...extra },
  };
}

function summaryEntry(row: Row, now: Date): AuditEntry {
  const [kind, rest] = [
    row.key.slice(0, row.key.indexOf(':')),
    row.key.slice(row.key.indexOf(':') + 1),
  ];
  const [email, address] = kind === 'pair' ? rest.split(' ') : [null, rest];
  const from = row.audit_window_started_at ?? now;
  const to = new Date(Math.min(now.getTime(), from.getTime() + AUDIT_WINDOW_MS));
  return {
    action: 'sign_in_failures_summarised',
    entityType: 'user',
    entityId: null,
    caseId: null,
    details: {
      ...(email ? { email } : {}),
      address: address === '-' ? null : address,
      from: from.toISOString(),
      to: to.toISOString(),
      // Beyond the first one of the window, which was audited on its own.
      failures: row.unaudited_failures,
      refused: row.unaudited_refusals,
    },
  };
}
