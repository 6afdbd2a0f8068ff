import { ApiHeader } from '@nestjs/swagger';

/**
 * Documents If-Match. Required where the route reads it with @RequiredIfMatch (428 without it);
 * `{ required: false }` where it reads it with @IfMatch.
 */
export const ApiIfMatch = ({ required = true }: { required?: boolean } = {}) =>
  ApiHeader({
    name: 'If-Match',
    required,
    description:
      'The ETag (version) of the record as last read, e.g. "3". A stale version gives 412 and changes nothing.' +
      (required ? ' Without it: 428.' : ''),
  });
