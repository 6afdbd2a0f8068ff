/** One error about one input field, as it appears in the `errors` member of a problem. */
export interface FieldError {
  field: string;
  message: string;
  /** A stable name of the rule that failed, where a client words it in its own language. */
  code?: FieldErrorCode;
}

/** The rules whose failures carry a code (see FieldError.code). */
export type FieldErrorCode = 'password_too_short' | 'password_too_weak' | 'password_unchanged';

/**
 * Errors raised by services. Each carries a stable code and an HTTP status; they are turned
 * into RFC 9457 problem details in one place (ProblemDetailsFilter), never inline.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    /** Extension members of the problem (RFC 9457 section 3.2), e.g. a sign-in challenge. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('not-found', 404, 'Not found', `No ${what} with id ${id}.`);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields; see errors.') {
    super('validation-failed', 400, 'Invalid request', detail, errors);
  }
}

/** A referenced record (by id in the body) does not exist. */
export class InvalidReferenceError extends DomainError {
  constructor(field: string, what: string) {
    super(
      'invalid-reference',
      422,
      'Unknown reference',
      `${field} does not name an existing ${what}.`,
      [{ field, message: `no ${what} with this id` }],
    );
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, detail: string, errors?: FieldError[]) {
    super(code, 409, 'Conflict', detail, errors);
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(detail: string) {
    super('version-mismatch', 412, 'Precondition failed', detail);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail = 'Sign in first: send Authorization: Bearer <token>.') {
    super('unauthorized', 401, 'Unauthorized', detail);
  }
}

/** The password was right; the account has a second factor: finish with the challenge. */
export class SecondFactorRequiredError extends DomainError {
  constructor(challenge: string, expiresAt: Date) {
    super(
      'second-factor-required',
      401,
      'Second factor required',
      'Send the code from your authenticator app (or a recovery code) with this challenge to POST /auth/sign-in/second-factor.',
      undefined,
      { challenge, expiresAt: expiresAt.toISOString() },
    );
  }
}

/** A restricted session (after a password reset, or a second factor overdue) may only do what it needs. */
export class AccountActionRequiredError extends DomainError {
  constructor(requiredActions: readonly string[]) {
    super(
      'account-action-required',
      403,
      'Account action required',
      `This session may only finish what the account needs first: ${requiredActions.join(', ')}.`,
      undefined,
      { requiredActions },
    );
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail: string) {
    super('forbidden', 403, 'Forbidden', detail);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many-requests', 429, 'Too many requests', detail);
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor() {
    super(
      'precondition-required',
      428,
      'Precondition required',
      'Send If-Match with the ETag of the record as you last read it (e.g. "3"), so that no one else\'s change is overwritten.',
    );
  }
}
