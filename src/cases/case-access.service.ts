import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../access/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { Clock } from '../common/clock.js';
import { gagInForceSql } from '../domain/withheld.js';
import { ConflictError, InvalidReferenceError, NotFoundError } from '../errors/domain-errors.js';
import type { ExtraRead } from '../records/record-reader.js';

/**
 * Restricted cases (marked restricted, or under a gag) exist only for their members. For anyone
 * else they are absent: 404 on access, missing from lists, search and counts (the SQL of that
 * rule is access/case-visibility.ts). This service checks access to one case and keeps members.
 */
/** Whether a case is restricted, and whether the user is one of its members. */
export interface CaseVisibility {
  restricted: boolean;
  member: boolean;
}

@Injectable()
export class CaseAccessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Refuses (as 404) a case the caller may not see. Reading a restricted case is recorded in
   * the audit trail; writes are recorded anyway.
   */
  async requireVisible(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
    purpose: 'read' | 'write',
  ): Promise<void> {
    const params: unknown[] = [];
    const lookup = this.visibilityOf(caseId, actor.userId)((value) => `$${params.push(value)}`);
    const [row] = (await manager.query(`SELECT ${lookup} AS v`, params)) as {
      v: CaseVisibility | null;
    }[];
    await this.admit(actor, caseId, row?.v ?? null, purpose);
  }

  /**
   * What requireVisible looks up, as a scalar subquery (JSON, or null for no such case), so that a
   * read can fetch it in the same round trip as the case; then decide with admit().
   */
  visibilityOf(caseId: string, userId: string | null): ExtraRead {
    return (bind) =>
      `(SELECT json_build_object('restricted', c.restricted, 'member',
          EXISTS (SELECT 1 FROM case_members cm WHERE cm.case_id = c.id AND cm.user_id = ${bind(userId)}::uuid))
         FROM cases c WHERE c.id = ${bind(caseId)}::uuid)`;
  }

  /** requireVisible's decision on what visibilityOf read: 404, or go on (recording a read of a restricted case). */
  async admit(
    actor: Actor,
    caseId: string,
    found: CaseVisibility | null,
    purpose: 'read' | 'write',
  ): Promise<void> {
    if (!found || (found.restricted && !found.member)) throw new NotFoundError('case', caseId);
    if (found.restricted && purpose === 'read') {
      await this.audit.recordStandalone(actor, {
        action: 'read_restricted',
        entityType: 'case',
        entityId: caseId,
        caseId,
      });
    }
  }

  /** Whether a gag order on the case is in force now (domain/withheld.ts). */
  async underGag(manager: EntityManager, caseId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM gag_orders g WHERE g.case_id = $1 AND ${gagInForceSql('g', '$2::timestamptz')} LIMIT 1`,
      [caseId, this.clock.now()],
    );
    return rows.length > 0;
  }

  /** Restricts the case again when a changed gag order is back in force (its lift removed or moved later). */
  async restrictWhileGagged(manager: EntityManager, actor: Actor, caseId: string): Promise<void> {
    if (await this.underGag(manager, caseId)) await this.restrict(manager, actor, caseId);
  }

  /** Marks a case restricted and makes the acting user a member, so they keep access. */
  async restrict(manager: EntityManager, actor: Actor, caseId: string): Promise<void> {
    const changed: unknown[] = await manager.query(
      'WITH r AS (UPDATE cases SET restricted = true, version = version + 1 WHERE id = $1 AND NOT restricted RETURNING id) SELECT id FROM r',
      [caseId],
    );
    if (changed.length) {
      await this.audit.record(manager, {
        action: 'update',
        entityType: 'case',
        entityId: caseId,
        caseId,
        changes: { restricted: { before: false, after: true } },
      });
    }
    if (actor.userId) await this.addMember(manager, actor, caseId, actor.userId);
  }

  async members(actor: Actor, caseId: string) {
    await this.requireVisible(this.dataSource.manager, actor, caseId, 'read');
    const rows: {
      user_id: string;
      email: string;
      display_name: string;
      role: string;
      added_at: Date;
    }[] = await this.dataSource.query(
      `SELECT m.user_id, u.email, u.display_name, u.role, m.added_at
         FROM case_members m JOIN users u ON u.id = m.user_id WHERE m.case_id = $1 ORDER BY u.email`,
      [caseId],
    );
    return {
      items: rows.map((r) => ({
        userId: r.user_id,
        email: r.email,
        displayName: r.display_name,
        role: r.role,
        addedAt: r.added_at.toISOString(),
      })),
    };
  }

  /** Who could be added: active users of a role that reads cases, not yet members. */
  async candidates(actor: Actor, caseId: string) {
    await this.requireVisible(this.dataSource.manager, actor, caseId, 'write');
    const rows: { id: string; email: string; display_name: string; role: string }[] =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.display_name, u.role FROM users u
          WHERE u.disabled_at IS NULL AND u.role <> 'admin'
            AND NOT EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = $1 AND m.user_id = u.id)
          ORDER BY u.email`,
        [caseId],
      );
    return {
      items: rows.map((r) => ({
        userId: r.id,
        email: r.email,
        displayName: r.display_name,
        role: r.role,
      })),
    };
  }

  async add(actor: Actor, caseId: string, userId: string) {
    await this.uow.run(actor, async (m) => {
      await this.requireVisible(m, actor, caseId, 'write');
      const exists: unknown[] = await m.query('SELECT 1 FROM users WHERE id = $1', [userId]);
      if (!exists.length) throw new InvalidReferenceError('userId', 'user');
      if (!(await this.addMember(m, actor, caseId, userId))) {
        throw new ConflictError('duplicate', 'This user is already a member of the case.', [
          { field: 'userId', message: 'already a member' },
        ]);
      }
    });
    return this.members(actor, caseId);
  }

  async remove(actor: Actor, caseId: string, userId: string) {
    await this.uow.run(actor, async (m) => {
      await this.requireVisible(m, actor, caseId, 'write');
      const removed: { display_name: string }[] = await m.query(
        `WITH d AS (DELETE FROM case_members WHERE case_id = $1 AND user_id = $2 RETURNING user_id)
         SELECT u.display_name FROM d JOIN users u ON u.id = d.user_id`,
        [caseId, userId],
      );
      if (!removed.length) throw new NotFoundError('member', userId);
      await this.audit.record(m, {
        action: 'member_removed',
        entityType: 'case',
        entityId: caseId,
        caseId,
        details: { userId, name: removed[0].display_name },
      });
    });
  }

  async addMember(
    m: EntityManager,
    actor: Actor,
    caseId: string,
    userId: string,
  ): Promise<boolean> {
    // The name as it was then goes into the record: the history names the account, not its id.
    const added: { display_name: string }[] = await m.query(
      `WITH i AS (INSERT INTO case_members (case_id, user_id, added_by) VALUES ($1, $2, $3)
                  ON CONFLICT DO NOTHING RETURNING user_id)
       SELECT u.display_name FROM i JOIN users u ON u.id = i.user_id`,
      [caseId, userId, actor.userId],
    );
    if (added.length) {
      await this.audit.record(m, {
        action: 'member_added',
        entityType: 'case',
        entityId: caseId,
        caseId,
        details: { userId, name: added[0].display_name },
      });
    }
    return added.length > 0;
  }
}
