import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentContext } from './request-context.js';
import { DomainError, TooManyRequestsError } from '../errors/domain-errors.js';
import { problemFromDatabaseError } from '../errors/database-errors.js';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from '../errors/problem-details.js';

const STATUS_TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

function codeFor(status: number): string {
  return (STATUS_TITLES[status] ?? 'error').toLowerCase().replace(/ /g, '-');
}

/** Maps anything thrown to RFC 9457 problem details: never a stack trace, never SQL. */
export function toProblem(error: unknown, logger: Logger): ProblemDetails {
  if (error instanceof DomainError) {
    return {
      ...problem(error.code, error.status, error.title, error.message, error.errors),
      ...error.extensions,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message =
      typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    return problem(codeFor(status), status, STATUS_TITLES[status] ?? 'Error', detail);
  }
  const fromDb = problemFromDatabaseError(error);
  if (fromDb) return fromDb;
  // Errors raised by Fastify before our handlers run (a malformed URL, wrong content type, body too large).
  const fastifyStatus = (error as { statusCode?: number }).statusCode;
  if ((error as { code?: string }).code === 'FST_ERR_BAD_URL') {
    return problem(
      'validation-failed',
      400,
      STATUS_TITLES[400],
      'The URL is malformed: a % must start an escape of two hexadecimal digits (write %25 for a % sign).',
      [{ field: '(url)', message: 'is not a valid URL' }],
    );
  }
  if (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
    const detail = fastifyStatus === 400 ? 'The request is malformed.' : (error as Error).message;
    return problem(
      codeFor(fastifyStatus),
      fastifyStatus,
      STATUS_TITLES[fastifyStatus] ?? 'Error',
      detail,
    );
  }
  // The request id ties this log line to the problem the caller received.
  const requestId = currentContext().requestId;
  logger.error(
    `request ${requestId ?? '-'}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return problem(
    'internal-error',
    500,
    'Internal error',
    'The server failed to handle this request; it has been logged.',
  );
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  body: ProblemDetails,
  error?: unknown,
) {
  if (error instanceof TooManyRequestsError)
    void reply.header('retry-after', String(error.retryAfterSeconds));
  if (body.status === 401) void reply.header('www-authenticate', 'Bearer');
  void reply
    .status(body.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({ ...body, instance: request.url, requestId: request.id });
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    sendProblem(
      http.getResponse<FastifyReply>(),
      http.getRequest<FastifyRequest>(),
      toProblem(error, this.logger),
      error,
    );
  }
}
