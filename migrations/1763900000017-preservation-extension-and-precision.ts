import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Frozen here: the value list as this migration knows it. */
const PRECISIONS = ['minute', 'hour', 'day', 'approximate'];
const inList = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** Times of gag orders and deadlines that a person enters: [table, column]. */
const ENTERED_TIMES = [
  ['gag_orders', 'until'],
  ['gag_orders', 'review_at'],
  ['gag_orders', 'lifted_at'],
  ['deadlines', 'due_at'],
  ['deadlines', 'done_at'],
] as const;

/**
 * - Precision on gag orders and deadlines, as on the other entered times: "until 30 June 2021"
 *   is known to the day. Existing values were entered to the minute: they get `minute`.
 * - The extension of a preservation order (EPOC-PR, Regulation (EU) 2023/1543 Art. 11(1)): the
 *   issuing authority may extend the 60 days by 30; the case records when and why, once.
 */
export class PreservationExtensionAndPrecision1763900000017 implements MigrationInterface {
  name = 'PreservationExtensionAndPrecision1763900000017';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, column] of ENTERED_TIMES) {
      await q.query(
        `ALTER TABLE ${table} ADD COLUMN ${column}_precision text NOT NULL DEFAULT 'minute'
           CHECK (${column}_precision IN (${inList(PRECISIONS)}))`,
      );
    }
    await q.query(`
      ALTER TABLE cases ADD COLUMN preservation_extended_at timestamptz,
        ADD COLUMN preservation_extension_reason text,
        ADD CONSTRAINT cases_preservation_extension_reason
          CHECK ((preservation_extended_at IS NULL) = (preservation_extension_reason IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP CONSTRAINT cases_preservation_extension_reason,
      DROP COLUMN preservation_extension_reason, DROP COLUMN preservation_extended_at`);
    for (const [table, column] of ENTERED_TIMES)
      await q.query(`ALTER TABLE ${table} DROP COLUMN ${column}_precision`);
  }
}
