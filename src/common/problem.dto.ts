import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FieldErrorCode } from '../errors/domain-errors.js';

class FieldErrorDto {
  @ApiProperty({ example: 'receivedAt' })
  field: string;

  @ApiProperty({
    example: 'must be an ISO 8601 timestamp with a time zone, e.g. 2015-01-15T09:45:00+01:00',
  })
  message: string;

  @ApiPropertyOptional({
    enum: ['password_too_short', 'password_too_weak', 'password_unchanged'],
    description:
      'A stable name of the rule that failed, for clients that word the error in their own language. ' +
      'Only some rules have one; the message is always there.',
  })
  code?: FieldErrorCode;
}

export class ProblemDto {
  @ApiProperty({ example: 'urn:problem-type:validation-failed' })
  type: string;

  @ApiProperty({ example: 'Invalid request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'The request has invalid fields; see errors.' })
  detail: string;

  @ApiProperty({ example: '/cases' })
  instance: string;

  @ApiProperty({ example: '6f1c2d0e-6a53-4c8e-9d1e-3c1f1d0c9b7a' })
  requestId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each bad field.',
  404: 'No such record.',
  409: 'Conflicts with the current state (duplicate, invalid transition, record in use).',
  412: 'The If-Match version is not the current one; nothing was changed.',
  413: 'The upload is larger than the limit; nothing was stored.',
  415: 'The content is of a type that is not accepted; `errors` names the field.',
  422: 'A referenced record does not exist; `errors` names the field.',
};

/** Documents the problem responses a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
