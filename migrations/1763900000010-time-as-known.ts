import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Frozen here: the value lists as this migration knows them. */
const PRECISIONS = ['minute', 'hour', 'day', 'approximate'];
const END_STATES = ['ended', 'ongoing', 'ended_unknown', 'at_least_until'];
const STATUSES = [
  'received',
  'under_review',
  'responded',
  'challenged',
  'closed',
  'withdrawn',
  'void',
];
const inList = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** The timestamps a person enters: [table, column]. Each gets its precision beside it. */
const ENTERED_TIMES = [
  ['cases', 'received_at'],
  ['timeline_events', 'occurred_at'],
  ['affected_systems', 'started_at'],
  ['affected_systems', 'ended_at'],
  ['seized_items', 'seized_at'],
  ['seized_items', 'returned_at'],
  ['disclosures', 'handed_over_at'],
  ['legal_bases', 'issued_at'],
  ['remedies', 'filed_at'],
  ['remedies', 'decided_at'],
] as const;

/**
 * Time as people know it, and cases recorded in error.
 *
 * - Precision: every timestamp a person enters carries how precisely it is known (minute, hour,
 *   day, approximate). Existing values were entered to the minute: they get `minute`.
 * - End states: an affected system's impact and a seized item's absence end at a known time
 *   (ended), not yet (ongoing), at an unknown time (ended_unknown) or at least at a known moment
 *   (at_least_until). Existing rows keep their meaning: an end time is ended, none is ongoing.
 * - Void: a case recorded by mistake is voided with a reason (status void), kept with its trail.
 */
export class TimeAsKnown1763900000010 implements MigrationInterface {
  name = 'TimeAsKnown1763900000010';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, column] of ENTERED_TIMES) {
      await q.query(
        `ALTER TABLE ${table} ADD COLUMN ${column}_precision text NOT NULL DEFAULT 'minute'
           CHECK (${column}_precision IN (${inList(PRECISIONS)}))`,
      );
    }
    await q.query(`
      ALTER TABLE affected_systems ADD COLUMN end_state text CHECK (end_state IN (${inList(END_STATES)}));
      UPDATE affected_systems SET end_state = CASE WHEN ended_at IS NULL THEN 'ongoing' ELSE 'ended' END;
      ALTER TABLE affected_systems ALTER COLUMN end_state SET NOT NULL,
        ADD CONSTRAINT affected_systems_end_state_time CHECK ((ended_at IS NOT NULL) = (end_state IN ('ended', 'at_least_until')));

      ALTER TABLE seized_items ADD COLUMN return_state text CHECK (return_state IN (${inList(END_STATES)}));
      UPDATE seized_items SET return_state = CASE WHEN returned_at IS NULL THEN 'ongoing' ELSE 'ended' END;
      ALTER TABLE seized_items ALTER COLUMN return_state SET NOT NULL,
        ADD CONSTRAINT seized_items_return_state_time CHECK ((returned_at IS NOT NULL) = (return_state IN ('ended', 'at_least_until')));

      ALTER TABLE cases DROP CONSTRAINT cases_status_check,
        ADD CONSTRAINT cases_status_check CHECK (status IN (${inList(STATUSES)})),
        ADD COLUMN void_reason text,
        ADD CONSTRAINT cases_void_reason CHECK ((status = 'void') = (void_reason IS NOT NULL));
      ALTER TABLE case_status_changes DROP CONSTRAINT case_status_changes_from_status_check,
        DROP CONSTRAINT case_status_changes_to_status_check,
        ADD CONSTRAINT case_status_changes_from_status_check CHECK (from_status IN (${inList(STATUSES)})),
        ADD CONSTRAINT case_status_changes_to_status_check CHECK (to_status IN (${inList(STATUSES)}));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    const without = inList(STATUSES.filter((s) => s !== 'void'));
    await q.query(`
      ALTER TABLE case_status_changes DROP CONSTRAINT case_status_changes_from_status_check,
        DROP CONSTRAINT case_status_changes_to_status_check;
      DELETE FROM case_status_changes WHERE from_status = 'void' OR to_status = 'void';
      ALTER TABLE case_status_changes
        ADD CONSTRAINT case_status_changes_from_status_check CHECK (from_status IN (${without})),
        ADD CONSTRAINT case_status_changes_to_status_check CHECK (to_status IN (${without}));
      ALTER TABLE cases DROP CONSTRAINT cases_void_reason, DROP CONSTRAINT cases_status_check;
      UPDATE cases SET status = 'withdrawn' WHERE status = 'void';
      ALTER TABLE cases DROP COLUMN void_reason,
        ADD CONSTRAINT cases_status_check CHECK (status IN (${without}));
      ALTER TABLE seized_items DROP COLUMN return_state;
      ALTER TABLE affected_systems DROP COLUMN end_state;
    `);
    for (const [table, column] of ENTERED_TIMES)
      await q.query(`ALTER TABLE ${table} DROP COLUMN ${column}_precision`);
  }
}
