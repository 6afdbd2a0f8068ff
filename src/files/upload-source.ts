import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-errors.js';
import { FileTooLargeError, UploadIncompleteError } from './file-errors.js';

/** One uploaded file as it streams in: the name the client gave and the bytes. */
export interface Upload {
  clientName: string | undefined;
  content: AsyncIterable<Buffer>;
}

/**
 * The file of a multipart/form-data request (the part named "file"), as a stream: nothing is
 * buffered whole or written to a temporary file. Passing `maxBytes` ends the stream with a
 * FileTooLargeError at once; a client that stops sending ends it with UploadIncompleteError.
 */
export async function uploadFrom(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new UploadIncompleteError('Send the file as multipart/form-data in a part named "file".');
  }
  let part: MultipartFile | undefined;
  try {
    part = await request.file({
      limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 },
      throwFileSizeLimit: false,
    });
  } catch {
    part = undefined;
  }
  if (!part || part.fieldname !== 'file') {
    throw new UploadIncompleteError('The request has no part named "file" with the file in it.');
  }
  const stream = part.file;
  stream.on('limit', () => stream.destroy(new FileTooLargeError(maxBytes)));
  async function* content(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw new UploadIncompleteError('The upload ended before the file was complete.');
    }
    if (stream.truncated) throw new FileTooLargeError(maxBytes);
  }
  return { clientName: part.filename, content: content() };
}
