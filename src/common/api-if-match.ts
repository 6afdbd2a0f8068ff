import { ApiHeader } from '@nestjs/swagger';

export const ApiIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag (version) of the record as last read, e.g. "3". A stale version gives 412 and changes nothing.',
  });
