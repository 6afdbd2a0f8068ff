import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface SecondFactorRow {
  user_id: string;
  secret: string;
  confirmed_at: Date | null;
  last_used_step: string | null;
}

export interface ChallengeRow {
  id: string;
  user_id: string;
  expires_at: Date;
  attempts: number;
  used_at: Date | null;
}

/** SQL for second factors, their recovery codes and the sign-in challenges between the two steps. */
@Injectable()
export class SecondFactorRepository {
  async find(m: EntityManager, userId: string, lock = false): Promise<SecondFactorRow | null> {
    const rows: SecondFactorRow[] = await m.query(
      `SELECT user_id, secret, confirmed_at, last_used_step::text AS last_used_step
         FROM second_factors WHERE user_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async confirmedUserIds(m: EntityManager): Promise<string[]> {
    const rows: { user_id: string }[] = await m.query(
      'SELECT user_id FROM second_factors WHERE confirmed_at IS NOT NULL',
    );
    return rows.map((r) => r.user_id);
  }

  async startEnrolment(m: EntityManager, userId: string, secret: string): Promise<void> {
    await m.query(
      `INSERT INTO second_factors (user_id, secret) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now()
         WHERE second_factors.confirmed_at IS NULL`,
      [userId, secret],
    );
  }

  async confirm(m: EntityManager, userId: string, at: Date, step: number): Promise<void> {
    await m.query(
      'UPDATE second_factors SET confirmed_at = $2, last_used_step = $3 WHERE user_id = $1',
      [userId, at, step],
    );
  }

  async markStepUsed(m: EntityManager, userId: string, step: number): Promise<void> {
    await m.query('UPDATE second_factors SET last_used_step = $2 WHERE user_id = $1', [
      userId,
      step,
    ]);
  }

  /** Removes the second factor and its recovery codes (an admin's password reset). */
  async remove(m: EntityManager, userId: string): Promise<void> {
    await m.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
    await m.query('DELETE FROM second_factors WHERE user_id = $1', [userId]);
  }

  async replaceRecoveryCodes(m: EntityManager, userId: string, hashes: Buffer[]): Promise<void> {
    await m.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
    await m.query(
      'INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::bytea[])',
      [userId, hashes],
    );
  }

  /** Marks an unused recovery code of the user used; returns how many remain unused, or null if it was not one. */
  async useRecoveryCode(
    m: EntityManager,
    userId: string,
    hash: Buffer,
    at: Date,
  ): Promise<number | null> {
    const [row]: { used: number; remaining: number }[] = await m.query(
      `WITH used AS (
         UPDATE recovery_codes SET used_at = $3
          WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id)
       SELECT (SELECT count(*)::int FROM used) AS used,
              (SELECT count(*)::int FROM recovery_codes
                WHERE user_id = $1 AND used_at IS NULL AND id NOT IN (SELECT id FROM used)) AS remaining`,
      [userId, hash, at],
    );
    return row.used === 1 ? row.remaining : null;
  }

  async createChallenge(
    m: EntityManager,
    userId: string,
    hash: Buffer,
    expiresAt: Date,
  ): Promise<void> {
    await m.query(
      'INSERT INTO sign_in_challenges (user_id, token_hash, expires_at) VALUES ($1, $2, $3)',
      [userId, hash, expiresAt],
    );
  }

  async findChallenge(m: EntityManager, hash: Buffer): Promise<ChallengeRow | null> {
    const rows: ChallengeRow[] = await m.query(
      'SELECT id, user_id, expires_at, attempts, used_at FROM sign_in_challenges WHERE token_hash = $1',
      [hash],
    );
    return rows[0] ?? null;
  }

  async lockChallenge(m: EntityManager, hash: Buffer): Promise<ChallengeRow | null> {
    const rows: ChallengeRow[] = await m.query(
      'SELECT id, user_id, expires_at, attempts, used_at FROM sign_in_challenges WHERE token_hash = $1 FOR UPDATE',
      [hash],
    );
    return rows[0] ?? null;
  }

  async countChallengeAttempt(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE sign_in_challenges SET attempts = attempts + 1 WHERE id = $1', [id]);
  }

  async useChallenge(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query('UPDATE sign_in_challenges SET used_at = $2 WHERE id = $1', [id, at]);
  }

  async deleteExpiredChallenges(m: EntityManager, before: Date): Promise<void> {
    await m.query('DELETE FROM sign_in_challenges WHERE expires_at < $1', [before]);
  }
}
