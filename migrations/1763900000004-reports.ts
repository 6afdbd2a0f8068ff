import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For transparency reports over many cases.
 *
 * A covering index over the case columns a report reads, by received_at: the cases table is wide
 * (summary and two search vectors, about 2.5 kB a row), and a report over a million cases would
 * otherwise read gigabytes to look at a few dozen bytes of each.
 *
 * Transparency reports also count a case as challenged when it ever moved to status challenged, which
 * only the timeline keeps ("Status changed from <old> to challenged…", written by every status
 * change). A partial index holds just those events, so the report does not read the whole
 * timeline. The predicate must stay word for word the one in src/reports/reports.repository.ts.
 */
export class Reports1763900000004 implements MigrationInterface {
  name = 'Reports1763900000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX cases_report_idx ON cases (received_at)
        INCLUDE (id, request_type, status, outcome, restricted, embargo_until, user_notification_required, user_notified_at);
      CREATE INDEX timeline_events_challenged_idx ON timeline_events (case_id)
        WHERE type = 'status_changed' AND description ~ '^Status changed from [a-z_]+ to challenged[.:]'
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX timeline_events_challenged_idx, cases_report_idx`);
  }
}
