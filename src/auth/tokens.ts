import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sct_';

/** A new secret token: 256 random bits, prefixed so that it is recognisable in a leaked file. */
export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length === PREFIX.length + 43;
}
