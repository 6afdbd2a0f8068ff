import type { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Reports people learn from, in the language of the reader.
 *
 * Timeline events the service writes itself ("Request received (phone).", "Status changed from
 * received to under_review.") become typed: `automatic` holds their kind and parameters, so that
 * documents and screens word them in their own language. Existing events are converted where their
 * text is exactly what the service wrote; an event whose text the board has since changed keeps
 * its text and stays free text. The text itself is kept as it was (search reads it).
 *
 * Cases found defective or unlawful: which defects (`defects`, several possible) and what became
 * of the request (`defect_outcome`). Existing cases have no defect recorded. The value lists are
 * frozen here on purpose, not imported.
 */
export class ReportDimensions1763900000015 implements MigrationInterface {
  name = 'ReportDimensions1763900000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE timeline_events ADD COLUMN automatic jsonb
        CHECK (automatic IS NULL OR automatic->>'kind' IN (${inList(['request_received', 'status_changed'])}));

      UPDATE timeline_events
         SET automatic = jsonb_build_object('kind', 'request_received', 'channel',
               CASE WHEN m[1] IS NULL THEN NULL ELSE replace(m[1], ' ', '_') END)
        FROM (SELECT id AS mid, regexp_match(description, '^Request received(?: \\((in person|phone|fax|email|portal|post)\\))?\\.$') AS m
                FROM timeline_events WHERE type = 'received') AS found
       WHERE timeline_events.id = found.mid AND found.m IS NOT NULL;

      UPDATE timeline_events
         SET automatic = jsonb_build_object('kind', 'status_changed', 'from', m[1], 'to', m[2], 'note', m[3])
        FROM (SELECT id AS mid, regexp_match(description, '^Status changed from ([a-z_]+) to ([a-z_]+)(?:\\.|: (.*))$', 's') AS m
                FROM timeline_events WHERE type = 'status_changed') AS found
       WHERE timeline_events.id = found.mid AND found.m IS NOT NULL;

      ALTER TABLE cases ADD COLUMN defects text[] NOT NULL DEFAULT '{}'
        CHECK (defects <@ ARRAY[${inList(['no_legal_basis', 'wrong_legal_basis', 'unencrypted_channel', 'wrong_addressee', 'other'])}]::text[]);
      ALTER TABLE cases ADD COLUMN defect_outcome text
        CHECK (defect_outcome IN (${inList(['refused', 'corrected_and_resubmitted', 'withdrawn', 'complied_despite_defect', 'pending'])}));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases DROP COLUMN defect_outcome;
      ALTER TABLE cases DROP COLUMN defects;
      ALTER TABLE timeline_events DROP COLUMN automatic;
    `);
  }
}
