import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal clocks, reminders, calendar feeds and the warrant canary.
 *
 * Deadlines learn which rule made them (rule, rule_key), what the rule computes (rule_due_at) and
 * why a person moved them (override_reason); existing deadlines stay as they are, entered by hand.
 * Reminders: which stage of a deadline was reminded (deadline_reminders, one row per stage: the
 * key that keeps two workers from reminding twice), what each user was told (reminders), the mails
 * to send (outbox), each user's setting and calendar secret (reminder_preferences). Canaries: each
 * signed statement as issued.
 */
export class DeadlinesRemindersCanary1763900000013 implements MigrationInterface {
  name = 'DeadlinesRemindersCanary1763900000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deadlines
        ADD COLUMN rule text,
        ADD COLUMN rule_key text,
        ADD COLUMN rule_due_at timestamptz,
        ADD COLUMN override_reason text;
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_rule_fields
        CHECK ((rule IS NULL AND rule_key IS NULL AND rule_due_at IS NULL AND override_reason IS NULL)
            OR (rule IS NOT NULL AND rule_key IS NOT NULL AND rule_due_at IS NOT NULL));
      CREATE UNIQUE INDEX deadlines_rule_key ON deadlines (case_id, rule, rule_key) WHERE rule IS NOT NULL;

      CREATE TABLE deadline_reminders (
        deadline_id uuid NOT NULL REFERENCES deadlines (id) ON DELETE CASCADE,
        lead_minutes integer NOT NULL CHECK (lead_minutes >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (deadline_id, lead_minutes)
      );

      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('reminder', 'digest')),
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      );
      CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX outbox_created_idx ON outbox (created_at DESC, id);

      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        deadline_id uuid NOT NULL REFERENCES deadlines (id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        lead_minutes integer NOT NULL,
        due_at timestamptz NOT NULL,
        emergency boolean NOT NULL,
        delivery text NOT NULL CHECK (delivery IN ('immediate', 'digest', 'none', 'mail_off')),
        outbox_id uuid REFERENCES outbox (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (deadline_id, lead_minutes, user_id)
      );
      CREATE INDEX reminders_user_idx ON reminders (user_id, created_at DESC);
      CREATE INDEX reminders_digest_idx ON reminders (user_id, created_at) WHERE delivery = 'digest' AND outbox_id IS NULL;

      CREATE TABLE reminder_preferences (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        mode text NOT NULL DEFAULT 'digest' CHECK (mode IN ('immediate', 'digest', 'none')),
        calendar_token_hash text UNIQUE,
        calendar_token_created_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE canaries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL CHECK (expires_at > issued_at),
        document text NOT NULL,
        signature text NOT NULL,
        key_id text NOT NULL,
        issued_by uuid REFERENCES users (id) ON DELETE SET NULL
      );
      CREATE INDEX canaries_issued_idx ON canaries (issued_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE canaries, reminder_preferences, reminders, outbox, deadline_reminders;
      DROP INDEX deadlines_rule_key;
      ALTER TABLE deadlines DROP CONSTRAINT deadlines_rule_fields,
        DROP COLUMN rule, DROP COLUMN rule_key, DROP COLUMN rule_due_at, DROP COLUMN override_reason;
    `);
  }
}
