import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account security: sign-in throttle state shared by every service instance, second factors
 * (TOTP) with recovery codes and sign-in challenges, restricted sessions, and what an admin's
 * password reset leaves for the user to do and see.
 */
export class AccountSecurity1763900000008 implements MigrationInterface {
  name = 'AccountSecurity1763900000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_throttle (
        key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 800),
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz NOT NULL,
        window_started_at timestamptz NOT NULL,
        blocked_until timestamptz,
        audit_window_started_at timestamptz,
        unaudited_failures integer NOT NULL DEFAULT 0,
        unaudited_refusals integer NOT NULL DEFAULT 0
      );
      CREATE INDEX sign_in_throttle_unaudited_idx ON sign_in_throttle (audit_window_started_at)
        WHERE unaudited_failures + unaudited_refusals > 0;

      CREATE TABLE second_factors (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        last_used_step bigint
      );

      CREATE TABLE recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash bytea NOT NULL UNIQUE,
        used_at timestamptz
      );
      CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id) WHERE used_at IS NULL;

      CREATE TABLE sign_in_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        used_at timestamptz
      );

      ALTER TABLE access_tokens ADD COLUMN restricted boolean NOT NULL DEFAULT false;
      ALTER TABLE users
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN must_enrol_second_factor boolean NOT NULL DEFAULT false,
        ADD COLUMN second_factor_grace_started_at timestamptz,
        ADD COLUMN password_reset_at timestamptz,
        ADD COLUMN password_reset_by uuid REFERENCES users (id) ON DELETE SET NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        DROP COLUMN must_change_password, DROP COLUMN must_enrol_second_factor,
        DROP COLUMN second_factor_grace_started_at, DROP COLUMN password_reset_at,
        DROP COLUMN password_reset_by;
      ALTER TABLE access_tokens DROP COLUMN restricted;
      DROP TABLE sign_in_challenges, recovery_codes, second_factors, sign_in_throttle;
    `);
  }
}
