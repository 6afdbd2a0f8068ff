import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDto'];

/**
 * The typed API client. The session is an HttpOnly cookie the page never sees; every call sends
 * the CSRF header the service requires on changes made with that cookie.
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
  headers: { 'x-csrf-protection': '1' },
  // The API takes lists comma-separated: status=received,closed.
  querySerializer: { array: { style: 'form', explode: false } },
});

/** An error answer of the API, with its problem details (RFC 9457). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
  /** The field's error as the service named its rule (where it did), for wording it here. */
  fieldErrorCode(field: string) {
    return (this.problem.errors ?? []).find((e) => e.field === field)?.code;
  }
}

let onUnauthorized: () => void = () => {};
export function whenUnauthorized(handler: () => void) {
  onUnauthorized = handler;
}

/** The data of a successful answer; anything else becomes an ApiError. */
export async function must<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  if (response.status === 401) onUnauthorized();
  throw new ApiError(response.status, (error ?? {}) as Problem);
}

/** The If-Match header (the record's ETag) that every update and delete requires. */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
