import { ApiError } from './api/client';

const REQUIRED = 'urn:problem-type:second-factor-required';

/** The challenge of a 401 "second factor required" answer to the first sign-in step, else null. */
export function secondFactorChallenge(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 401) return null;
  const problem = error.problem as { type?: string; challenge?: unknown };
  return problem.type === REQUIRED && typeof problem.challenge === 'string'
    ? problem.challenge
    : null;
}

/** What the second step sends: six digits as `code`, anything else typed as a recovery code. */
export function secondFactorProof(
  typed: string,
  recovery: boolean,
): { code: string } | { recoveryCode: string } {
  const trimmed = typed.trim();
  if (recovery) return { recoveryCode: trimmed };
  return { code: trimmed.replace(/\s+/g, '') };
}

/** The secret in groups of four, easier to type into an authenticator app by hand. */
export function groupedSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}
