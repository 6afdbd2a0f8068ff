import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/** TOTP as authenticator apps do it (RFC 6238: SHA-1, 6 digits, 30 s steps). */
const ISSUER = 'Case Tracker';
/** One step either side, for clocks that drift and codes typed at the end of a step. */
const TOLERANCE_S = 30;
const RECOVERY_CODES = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUri(secret: string, email: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

/**
 * The time step a code belongs to, if it is valid now and newer than `afterStep` (a code is
 * accepted once: replay protection); otherwise null.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOLERANCE_S,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    // TOTP results carry the matched time step (the HOTP type in the union does not).
    const step = (result as { timeStep?: number }).timeStep;
    return result.valid && typeof step === 'number' ? step : null;
  } catch {
    return null;
  }
}

/** Ten codes of 16 characters (about 79 bits each), shown once; only their hashes are stored. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const chars = Array.from(
      { length: 16 },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** Hyphens, spaces and case do not matter when a code is typed. */
export function recoveryCodeHash(code: string): Buffer {
  return createHash('sha256')
    .update(code.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .digest();
}
