import type { FieldError } from './domain-errors.js';

/** RFC 9457 problem details, as every error response of this service carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:problem-type:${code}`;
}

export function problem(
  code: string,
  status: number,
  title: string,
  detail: string,
  errors?: FieldError[],
): ProblemDetails {
  return { type: problemType(code), title, status, detail, ...(errors?.length ? { errors } : {}) };
}
