import { ValidationPipe, type Type, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type FieldError } from './domain-errors.js';

function messageFor(rule: string, property: string, message: string): string {
  if (rule === 'whitelistValidation') return 'is not a field of this request';
  // class-validator starts messages with the property name; the field is already named.
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: messageFor(rule, e.property, message),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Validates every body and query against its DTO; unknown fields are rejected, not ignored. */
export function createValidationPipe(expectedType?: Type<unknown>) {
  return new ValidationPipe({
    expectedType,
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}
