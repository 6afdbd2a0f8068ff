import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PreconditionRequiredError, ValidationFailedError } from '../errors/domain-errors.js';

/** The version a record is at, as an ETag: `"3"`. */
export const etag = (version: number) => `"${version}"`;

/** Parses `If-Match: "3"` (or W/"3"); undefined when the header is absent. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(value);
  if (!match) {
    throw new ValidationFailedError(
      [{ field: 'If-Match', message: 'must be the ETag of the record as last read, e.g. "3"' }],
      'The If-Match header is malformed.',
    );
  }
  return Number(match[1]);
}

/**
 * Route parameter: the version the client says it read, from If-Match. Required on every change,
 * so that two people editing one record cannot overwrite each other unnoticed (428 without it).
 */
export const RequiredIfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const version = parseIfMatch(ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match']);
  if (version === undefined) throw new PreconditionRequiredError();
  return version;
});

/** If-Match where it is optional: a status change is checked against the state machine anyway. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  parseIfMatch(ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);
